import type { RuntimeEnvironment } from '../runtime';
import type { Session } from './session';

/** Everything an operation's handler may use. Built by a transport for each call. */
export interface ApiContext {
  readonly runtime: RuntimeEnvironment;
  readonly session: Session;
}
