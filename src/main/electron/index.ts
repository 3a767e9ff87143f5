/**
 * The desktop app's front door (the process entries are main.ts and backend/entry.ts, built by
 * electron-vite). What is exported here is for the desktop shell's tests: the messages between
 * its processes, and the rules its main process applies.
 */
export type {
  BackendMessage,
  BrokerRequest,
  CallReply,
  CallRequest,
  ForkEnvelope,
  HostMessage,
} from './backend/wire';
export { APP_INDEX_URL, APP_ORIGIN } from './app-origin';
export { quitChosen, quitQuestion, type OpenRoom, type QuitQuestion } from './quit-question';
