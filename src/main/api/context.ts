import type { Readable, Writable } from 'node:stream';
import type { PdfFile, RoomInterface, RoomState } from '../../shared/api';
import type { PassphraseVault } from '../casefile';
// eslint-disable-next-line architecture/no-deep-import -- the registry alone (it loads case files when one is opened), so a context for a call on no case loads no SQLCipher.
import { CaseRegistry } from '../casefile/registry';
import type { RuntimeEnvironment } from '../runtime';
import { SchemeOffice } from './scheme-session';
import { Session } from './session';

/** Prints a PDF with the system's print dialog; resolves whether it was sent to a printer. */
export interface Printer {
  print(pdf: PdfFile): Promise<boolean>;
}

/**
 * What this front door can do, so handlers ask for an ability rather than for a mode. Built once
 * per front door: the desktop app, browser mode, the CLI (and, later, the panel room).
 */
export interface Capabilities {
  /** Files on this computer named by path: the desktop app (chosen in its file dialogs) and the CLI; never a web page. */
  readonly localFiles: boolean;
  /** The app's settings apply, such as the workspace folder chosen in Settings (the CLI works in the folder it was given). */
  readonly appSettings: boolean;
  /** The system print dialog (desktop app). Where there is none, the page prints the PDF it opens. */
  readonly printer?: Printer;
  /** Passphrases remembered through the operating system's protected storage (desktop app). */
  readonly passphraseVault?: PassphraseVault;
  /** The panel room: a second listener on the local network, opened by the lead (desktop app, browser mode). */
  readonly rooms?: PanelRooms;
  /** A member's device in the panel room (src/main/room), with the kind of device it said it is. */
  readonly roomDevice?: { readonly kind: 'phone' | 'tablet' | 'laptop' };
}

/** Why a room closed; said on the members' devices and in the audit log. */
export type RoomClosing = 'lead' | 'moderation_closed' | 'case_closed' | 'app_quit';

/** The panel rooms of this app, one per open case at most (src/main/room). */
export interface PanelRooms {
  interfaces(): RoomInterface[];
  open(caseId: string, openedBy: string, address?: string): Promise<RoomState>;
  state(caseId: string): Promise<RoomState>;
  signOutDevice(caseId: string, deviceId: string, by: string): Promise<RoomState>;
  pause(caseId: string, paused: boolean, by: string): Promise<RoomState>;
  close(caseId: string, why: RoomClosing, by: string): Promise<void>;
  closeAll(why: RoomClosing): Promise<void>;
  /** The rooms open now, with how many devices are in each (asked before the app quits). */
  openRooms(): { caseId: string; devices: number }[];
}

/** Where a downloaded file goes, in browser mode: the response, once its name, type and size are known. */
export interface DownloadSink {
  /** `note`: a sentence for the user about the file (what it holds, what was left out), sent beside it. */
  start(file: { fileName: string; mediaType: string; sizeBytes: number; note?: string }): Writable;
}

/** Everything an operation's handler may use. Built by a transport for each client. */
export interface ApiContext {
  readonly runtime: RuntimeEnvironment;
  /** The case files open in this process. */
  readonly cases: CaseRegistry;
  /** Who is signed in to which case on this client. */
  readonly session: Session;
  readonly capabilities: Capabilities;
  /** The bytes sent with this call (an upload in browser mode), streamed straight into the case file. */
  readonly upload?: Readable;
  /** Where this call's file goes (a download in browser mode), streamed straight out of the case file. */
  readonly download?: DownloadSink;
  /**
   * The scheme file open in this app (scheme-session.ts), shared by the front doors on this
   * computer; absent for a device in the panel room, which never reaches the scheme file.
   */
  readonly schemeOffice?: SchemeOffice;
}

/** The CLI's abilities (also the demo's and the tests'): files by path, no app settings, no printer. */
export const COMMAND_LINE: Capabilities = { localFiles: true, appSettings: false };

/**
 * A new client (a window, a browser tab, a panel member's device) with its own session. The front
 * doors on this computer pass their one SchemeOffice; the panel room passes none.
 */
export function clientContext(
  runtime: RuntimeEnvironment,
  cases: CaseRegistry,
  capabilities: Capabilities,
  schemeOffice?: SchemeOffice,
): ApiContext {
  return { runtime, cases, session: new Session(), capabilities, ...(schemeOffice ? { schemeOffice } : {}) };
}

/** A fresh context with its own case registry and scheme office, as the CLI has. */
export function localApiContext(runtime: RuntimeEnvironment): ApiContext {
  return clientContext(
    runtime,
    new CaseRegistry({ userDataDir: runtime.userDataDir }),
    COMMAND_LINE,
    new SchemeOffice({ userDataDir: runtime.userDataDir }),
  );
}
