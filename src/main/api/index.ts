/** The contract implemented: one dispatcher, the handlers, and each client's context and session. */
export { clientContext, localApiContext, type ApiContext } from './context';
export { dispatch } from './dispatch';
export type { Handler, Handlers, ScopeOf } from './handler';
export { handlers } from './handlers';
export { invoke } from './invoke';
export { Session } from './session';
