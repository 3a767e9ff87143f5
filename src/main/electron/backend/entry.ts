/**
 * The desktop app's backend process. In the app it is an Electron utilityProcess (it has
 * `process.parentPort`); under plain Node a child_process.fork child stands in for it (tests).
 */
import { electronParentChannel, forkParentChannel, type ElectronParentPort } from './channel';
import { serveBackend } from './serve';

const { parentPort } = process as { parentPort?: ElectronParentPort };
serveBackend(parentPort ? electronParentChannel(parentPort) : forkParentChannel());
