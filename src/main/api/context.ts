import type { Readable } from 'node:stream';
import type { PassphraseVault } from '../casefile/passphrase-vault';
import type { CaseRegistry } from '../casefile/registry';
import type { RuntimeEnvironment } from '../runtime';
import type { Session } from './session';

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
