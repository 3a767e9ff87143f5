import { BrowserWindow } from 'electron';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiContext, dispatch, type Handlers } from '../api';
import type { PdfFile } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';

/**
 * The desktop app's `certificate.print`: the issued certificate goes to the system print dialog.
 * The PDF is fetched through the same contract path (so the same permission checks apply), shown
 * in a hidden window by Chromium's PDF viewer, and printed from there. The temporary copy is
 * removed afterwards.
 */
export function withDesktopPrinting(handlers: Handlers): Handlers {
  return {
    ...handlers,
    'certificate.print': async (input, ctx: ApiContext) => {
      const download = await dispatch(
        handlers,
        'certificate.download',
        { ...input, document: 'certificate' },
        ctx,
      );
      if (!download.ok) throw new UserFacingError(download.error.code, download.error.message);
      const pdf = download.value as PdfFile;
      const dir = mkdtempSync(join(tmpdir(), 'copanel-print-'));
      const file = join(dir, pdf.fileName.replace(/[/\\]/g, '_'));
      writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
      const window = new BrowserWindow({
        show: false,
        webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true },
      });
      try {
        await window.loadFile(file);
        const printed = await new Promise<boolean>((resolve) =>
          window.webContents.print({ silent: false, printBackground: true }, (success) => resolve(success)),
        );
        return { printed };
      } finally {
        window.destroy();
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
