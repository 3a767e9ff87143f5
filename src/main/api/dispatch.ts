import { contract, type Result } from '../../shared/api';
import type { ApiContext } from './context';
import type { Handlers } from './handler';
import { dispatchOperation } from './operation-dispatch';

/**
 * The one entry point every transport uses: the whole contract's operations, validated, scoped
 * and permission-checked by `dispatchOperation`, run with `handlers` — every operation's (the
 * app's table) or only the ones a caller needs; an operation it lacks is unknown here.
 */
export function dispatch(
  handlers: Partial<Handlers>,
  name: string,
  rawInput: unknown,
  ctx: ApiContext,
): Promise<Result<unknown>> {
  return dispatchOperation(contract, handlers, name, rawInput, ctx);
}
