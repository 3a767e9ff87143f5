import { contract, type InputOf, type OperationName, type OutputOf } from '../../shared/api';
import type { ApiContext } from './context';
import { handlers } from './handlers';
import { invokeWith } from './invoke-with';

/**
 * Calls an operation through the full contract path (validation, who is asking, permission
 * checks) and returns its value, or throws the typed error. The CLI and the demo drive the app this way.
 */
export function invoke<N extends OperationName>(
  name: N,
  input: InputOf<N>,
  ctx: ApiContext,
): Promise<OutputOf<N>> {
  return invokeWith(contract, handlers, name, input, ctx);
}
