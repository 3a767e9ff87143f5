import { BrowserWindow } from 'electron';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Printer } from '../api';
import { allowPrintFile } from './security';

/**
 * The desktop app's printer: the PDF is shown in a hidden window by Chromium's PDF viewer and
 * printed from there with the system print dialog. The temporary copy is removed afterwards.
 */
export const desktopPrinter: Printer = {
  async print(pdf) {
    const dir = mkdtempSync(join(tmpdir(), 'copanel-print-'));
    const file = join(dir, pdf.fileName.replace(/[/\\]/g, '_'));
    writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
    const window = new BrowserWindow({
      show: false,
      webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true },
    });
    const withdraw = allowPrintFile(pathToFileURL(file).href);
    try {
      await window.loadFile(file);
      return await new Promise<boolean>((resolve) =>
        window.webContents.print({ silent: false, printBackground: true }, (success) => resolve(success)),
      );
    } finally {
      withdraw();
      window.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
