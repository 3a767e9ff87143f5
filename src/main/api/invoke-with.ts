import type { InputOf, OperationName, OutputOf } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import type { ApiContext } from './context';
import { dispatch } from './dispatch';
import type { Handlers } from './handler';

/**
 * Calls an operation through the full contract path (validation, who is asking, permission
 * checks) with the handlers given, and returns its value or throws the typed error. `invoke` passes
 * every handler; a command that needs one operation passes that operation's handler alone.
 */
export async function invokeWith<N extends OperationName>(
  handlers: Pick<Handlers, N>,
  name: N,
  input: InputOf<N>,
  ctx: ApiContext,
): Promise<OutputOf<N>> {
  const result = await dispatch(handlers, name, input, ctx);
  if (!result.ok) throw new UserFacingError(result.error.code, result.error.message, result.error.details);
  return result.value as OutputOf<N>;
}
