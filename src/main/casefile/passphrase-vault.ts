import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Remembered passphrases, only where the operating system can protect them (Electron's
 * safeStorage: the Keychain, DPAPI, or the desktop's secret service — never its plain-text
 * fallback). The passphrase is never written down unencrypted; only when the user asks.
 */
export interface PassphraseVault {
  /** False when this computer cannot protect a remembered passphrase (then the app never offers). */
  isAvailable(): boolean;
  /** Each of these may answer later: the desktop app's backend asks the main process, which holds safeStorage. */
  remember(caseFilePath: string, passphrase: string): void | Promise<void>;
  recall(caseFilePath: string): string | null | Promise<string | null>;
  forget(caseFilePath: string): void | Promise<void>;
}

/** What protects the stored passphrases: Electron's safeStorage in the desktop app. */
export interface OsEncryption {
  isAvailable(): boolean;
  encrypt(text: string): Buffer;
  decrypt(data: Buffer): string;
}

const VAULT_FILE = 'remembered-passphrases.json';

/** A vault kept as a small JSON file of OS-encrypted blobs in the user data folder. */
export function fileVault(userDataDir: string, encryption: OsEncryption): PassphraseVault {
  const file = join(userDataDir, VAULT_FILE);
  const read = (): Record<string, string> => {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as { entries?: Record<string, string> };
      return parsed.entries && typeof parsed.entries === 'object' ? parsed.entries : {};
    } catch {
      return {};
    }
  };
  const write = (entries: Record<string, string>) => {
    mkdirSync(userDataDir, { recursive: true });
    const temporary = `${file}.tmp`;
    writeFileSync(temporary, JSON.stringify({ entries }, null, 2), { mode: 0o600 });
    renameSync(temporary, file);
  };
  const key = (path: string) => resolve(path);
  return {
    isAvailable: () => encryption.isAvailable(),
    remember: (path, passphrase) => {
      if (!encryption.isAvailable()) return;
      write({ ...read(), [key(path)]: encryption.encrypt(passphrase).toString('base64') });
    },
    recall: (path) => {
      const stored = read()[key(path)];
      if (!stored || !encryption.isAvailable()) return null;
      try {
        return encryption.decrypt(Buffer.from(stored, 'base64'));
      } catch {
        return null;
      }
    },
    forget: (path) => {
      const entries = read();
      if (!(key(path) in entries)) return;
      delete entries[key(path)];
      write(entries);
    },
  };
}
