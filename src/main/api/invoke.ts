import type { InputOf, OperationName, OutputOf } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import type { ApiContext } from './context';
import { dispatch } from './dispatch';
import { handlers } from './handlers';

/**
 * Calls an operation through the full contract path (validation, who is asking, permission
 * checks) and returns its value, or throws the typed error. The CLI and the demo drive the app this way.
 */
export async function invoke<N extends OperationName>(
  name: N,
  input: InputOf<N>,
  ctx: ApiContext,
): Promise<OutputOf<N>> {
  const result = await dispatch(handlers, name, input, ctx);
  if (!result.ok) throw new UserFacingError(result.error.code, result.error.message, result.error.details);
  return result.value as OutputOf<N>;
}
