import type { Readable } from 'node:stream';
import { type PassphraseVault, CaseRegistry } from '../casefile';
import type { RuntimeEnvironment } from '../runtime';
import { Session } from './session';

/** Everything an operation's handler may use. Built by a transport for each client. */
export interface ApiContext {
  readonly runtime: RuntimeEnvironment;
  /** The case files open in this process. */
  readonly cases: CaseRegistry;
  /** Who is signed in to which case on this client. */
  readonly session: Session;
  /** Browser mode: the body of an upload request, streamed straight into the case file. */
  readonly upload?: Readable;
  /** Desktop app only: passphrases remembered through the operating system's protected storage. */
  readonly passphraseVault?: PassphraseVault;
}

/** A new client (a window, a browser tab, a panel member's device) with its own session. */
export function clientContext(runtime: RuntimeEnvironment, cases: CaseRegistry): ApiContext {
  return { runtime, cases, session: new Session() };
}

/** A fresh context with its own case registry: for the CLI, the demo and tests. */
export function localApiContext(runtime: RuntimeEnvironment): ApiContext {
  return clientContext(runtime, new CaseRegistry({ userDataDir: runtime.userDataDir }));
}
