/** The contract implemented: one dispatcher, the handlers, and each client's context and session. */
export {
  clientContext,
  COMMAND_LINE,
  localApiContext,
  type ApiContext,
  type Capabilities,
  type DownloadSink,
  type PanelRooms,
  type Printer,
  type RoomClosing,
} from './context';
export { dispatch } from './dispatch';
export type { Handlers } from './handler';
export { handlers } from './handlers';
export { invoke } from './invoke';
export {
  openScheme,
  openSchemeWithId,
  SchemeOffice,
  type OpenScheme,
  type SchemeOfficeHolder,
} from './scheme-session';
