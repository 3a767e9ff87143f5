import type { Contract, InputOf, OperationName, OutputOf } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import type { ApiContext } from './context';
import type { Handlers } from './handler';
import { dispatchOperation } from './operation-dispatch';

/**
 * Calls an operation through the full contract path (its zod validation, who is asking, permission
 * checks) with the operations and handlers given, and returns its value or throws the typed error.
 * `invoke` passes the whole contract and every handler; a command that needs one operation passes
 * that operation's spec and handler alone, so nothing else is built or loaded.
 */
export async function invokeWith<N extends OperationName>(
  operations: Pick<Contract, N>,
  handlers: Pick<Handlers, N>,
  name: N,
  input: InputOf<N>,
  ctx: ApiContext,
): Promise<OutputOf<N>> {
  const result = await dispatchOperation(operations, handlers, name, input, ctx);
  if (!result.ok) throw new UserFacingError(result.error.code, result.error.message, result.error.details);
  return result.value as OutputOf<N>;
}
