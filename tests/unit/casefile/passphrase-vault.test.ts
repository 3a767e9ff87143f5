import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileVault, type OsEncryption } from '../../../src/main/casefile';

/**
 * Stands in for the operating system's protected storage (Electron's safeStorage cannot run
 * under Node): a reversible transformation that visibly is not the plain text.
 */
function stand_inEncryption(available = true): OsEncryption {
  return {
    isAvailable: () => available,
    encrypt: (text) => Buffer.from([...Buffer.from(text, 'utf8')].map((byte) => byte ^ 0x5a).reverse()),
    decrypt: (data) => Buffer.from([...data].reverse().map((byte) => byte ^ 0x5a)).toString('utf8'),
  };
}

describe('remembered passphrases', () => {
  const passphrase = 'harbour lantern quietly orchard velvet';

  it('are stored only in protected form and recalled for the same case file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'copanel-vault-'));
    const vault = fileVault(dir, stand_inEncryption());
    vault.remember(join(dir, 'a.copanel'), passphrase);
    expect(readFileSync(join(dir, 'remembered-passphrases.json'), 'utf8')).not.toContain('lantern');
    expect(vault.recall(join(dir, 'a.copanel'))).toBe(passphrase);
    expect(vault.recall(join(dir, 'b.copanel'))).toBeNull();
    vault.forget(join(dir, 'a.copanel'));
    expect(vault.recall(join(dir, 'a.copanel'))).toBeNull();
  });

  it('are never kept when the computer cannot protect them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'copanel-vault-'));
    const vault = fileVault(dir, stand_inEncryption(false));
    expect(vault.isAvailable()).toBe(false);
    vault.remember(join(dir, 'a.copanel'), passphrase);
    expect(() => readFileSync(join(dir, 'remembered-passphrases.json'))).toThrow();
    expect(vault.recall(join(dir, 'a.copanel'))).toBeNull();
  });
});
