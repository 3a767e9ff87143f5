import type { CopanelBridge, CopanelClient, InputOf } from '../../../shared/api';
import { HttpClient, takeLaunchToken } from './http';
import { browserFileTransfers, desktopFileTransfers, type FileTransfers } from './files';

export { asShownMember, shownMemberIn, type SentToCase } from './files';

export { takeLaunchToken, browserFileTransfers };

declare global {
  interface Window {
    copanel?: CopanelBridge;
  }
}

export type Transport = 'electron' | 'browser';

export interface ConnectedClient {
  client: CopanelClient;
  transport: Transport;
  files: FileTransfers;
  bridge?: CopanelBridge;
  /**
   * Panel room only: keeps an answer not saved yet on the device, sealed, at once (the page is being
   * put away or reloaded); it is sent when the page is back.
   */
  keepUnsentAnswer?: (input: InputOf<'scoring.saveScore'>) => void;
}

/** The Electron client when the preload exposed `window.copanel`; otherwise the browser-mode HTTP client. */
export function connectClient(win: Window = window): ConnectedClient {
  if (win.copanel) {
    return {
      client: win.copanel,
      transport: 'electron',
      bridge: win.copanel,
      files: desktopFileTransfers(win.copanel, win.copanel),
    };
  }
  const token = takeLaunchToken(win.location, win.sessionStorage, win.history);
  return { client: new HttpClient(token), transport: 'browser', files: browserFileTransfers() };
}
