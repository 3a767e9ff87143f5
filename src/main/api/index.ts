/** The contract implemented: one dispatcher, the handlers, and each client's context and session. */
export {
  clientContext,
  COMMAND_LINE,
  localApiContext,
  type ApiContext,
  type Capabilities,
  type DownloadSink,
  type Printer,
} from './context';
export { dispatch } from './dispatch';
export type { Handler, Handlers, ScopeOf } from './handler';
export { handlers } from './handlers';
export { invoke } from './invoke';
export { Session } from './session';
