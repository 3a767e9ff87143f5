import { safeStorage } from 'electron';
import type { OsEncryption } from '../casefile';

/**
 * Electron's safeStorage, refused when it would only obfuscate: on Linux without a secret
 * service it falls back to a hard-coded key ('basic_text'), which protects nothing.
 */
export const electronSafeStorage: OsEncryption = {
  isAvailable: () => {
    if (!safeStorage.isEncryptionAvailable()) return false;
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text')
      return false;
    return true;
  },
  encrypt: (text) => safeStorage.encryptString(text),
  decrypt: (data) => safeStorage.decryptString(data),
};
