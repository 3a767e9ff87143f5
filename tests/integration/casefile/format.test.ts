import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkPassphraseStrength,
  generatePassphrase,
  openSqlite,
  PASSPHRASE_WORDS,
} from '../../../src/main/casefile';
import { addEvidence, listEvidence } from '../../../src/main/evidence';
import { readOrganisation, updateOrganisation } from '../../../src/main/organisation';
import {
  createTestCase,
  decryptSqlcipher4,
  expectUserError,
  makeTempDir,
  ORGANISATION,
  OTHER_PASSPHRASE,
  PASSPHRASE,
  sha256OfFile,
  STANDARD,
  evidenceFields,
  leadScope,
  organisationDetails,
  openCaseFile,
} from './support';

const temp = makeTempDir('copanel-format-');
afterAll(() => temp.cleanup());

describe('the case file format', () => {
  it('is SQLCipher 4 on disk: no plaintext header, no readable content, and an independent SQLCipher 4 reader opens it', async () => {
    const path = join(temp.dir, 'format.copanel');
    const caseFile = await createTestCase(path);
    await addEvidence(
      leadScope(caseFile),
      evidenceFields({
        title: 'Carers survey 2025',
        kind: 'survey',
        quote: 'They listened to my mum.',
        consent: 'given',
      }),
    );
    await caseFile.close();

    const bytes = readFileSync(path);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(bytes.length % 4096).toBe(0);
    for (const secret of [
      ORGANISATION,
      'Carers survey',
      'listened to my mum',
      'Asha Patel',
      'case_metadata',
    ]) {
      expect(bytes.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
    }
    expect(readdirSync(temp.dir).filter((name) => name.startsWith('format.copanel'))).toEqual([
      'format.copanel',
    ]);

    const plaintext = join(temp.dir, 'format.decrypted.sqlite');
    await decryptSqlcipher4(path, PASSPHRASE, plaintext);
    const header = readFileSync(plaintext).subarray(0, 24);
    expect(header.readUInt16BE(16)).toBe(4096); // page size
    expect([header[18], header[19]]).toEqual([1, 1]); // rollback journal, not WAL
    expect(header[20]).toBe(80); // reserved bytes per page: IV + HMAC-SHA512
    const plain = openSqlite(plaintext, { readonly: true });
    try {
      expect(plain.prepare('select name from organisation').get()).toEqual({ name: ORGANISATION });
      expect(plain.prepare('select quote from evidence_item').get()).toEqual({
        quote: 'They listened to my mum.',
      });
      expect(plain.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      plain.close();
    }
  });

  it('opens with the right passphrase and refuses a wrong one', async () => {
    const path = join(temp.dir, 'passphrase.copanel');
    await (await createTestCase(path)).close();
    const before = sha256OfFile(path);
    const failure = await expectUserError(
      openCaseFile({ path, passphrase: 'lantern-meadow-quartz-harbor-violon' }),
    );
    expect(failure.code).toBe('WRONG_PASSPHRASE');
    expect(sha256OfFile(path)).toBe(before);
    const caseFile = await openCaseFile({ path, passphrase: PASSPHRASE });
    expect((await caseFile.details()).standard).toEqual(STANDARD);
    await caseFile.close();
  });

  it('changes the passphrase: the old one stops working, the new one works, and nothing is lost', async () => {
    const path = join(temp.dir, 'rekey.copanel');
    const caseFile = await createTestCase(path);
    await updateOrganisation(
      leadScope(caseFile),
      organisationDetails({ address: '1 Mill Lane, Leeds', servicesInScope: 'Crisis café\nPeer support' }),
    );
    await addEvidence(
      leadScope(caseFile),
      evidenceFields({
        title: 'Peer support policy',
        kind: 'document',
        criteria: ['S1.1', 'S5.2'],
      }),
    );
    const wrongCurrent = await expectUserError(
      caseFile.changePassphrase('not the passphrase at all', OTHER_PASSPHRASE),
    );
    expect(wrongCurrent.code).toBe('WRONG_PASSPHRASE');
    const weak = await expectUserError(caseFile.changePassphrase(PASSPHRASE, 'password123'));
    expect(weak.code).toBe('WEAK_PASSPHRASE');
    await caseFile.changePassphrase(PASSPHRASE, OTHER_PASSPHRASE, 'lead');
    await caseFile.close();

    expect((await expectUserError(openCaseFile({ path, passphrase: PASSPHRASE }))).code).toBe(
      'WRONG_PASSPHRASE',
    );
    const reopened = await openCaseFile({ path, passphrase: OTHER_PASSPHRASE });
    expect((await readOrganisation(leadScope(reopened))).servicesInScope).toBe('Crisis café\nPeer support');
    expect((await listEvidence(leadScope(reopened))).map((item) => [item.title, item.criteria])).toEqual([
      ['Peer support policy', ['S1.1', 'S5.2']],
    ]);
    expect(await reopened.verifyAuditChain()).toMatchObject({ ok: true, entries: 4 });
    expect((await reopened.checkIntegrity(OTHER_PASSPHRASE)).ok).toBe(true);
    await reopened.close();
    await decryptSqlcipher4(path, OTHER_PASSPHRASE, join(temp.dir, 'rekey.decrypted.sqlite'));
  });

  it('saves a copy through VACUUM INTO that is encrypted with the same passphrase and never overwrites by accident', async () => {
    const path = join(temp.dir, 'original.copanel');
    const caseFile = await createTestCase(path);
    await addEvidence(
      leadScope(caseFile),
      evidenceFields({ title: 'Observation of ward round', kind: 'observation' }),
    );
    const copy = await caseFile.saveCopyAs(join(temp.dir, 'copy.copanel'));
    expect((await expectUserError(caseFile.saveCopyAs(copy))).code).toBe('CASE_FILE_EXISTS');
    await caseFile.close();

    const bytes = readFileSync(copy);
    expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
    expect(bytes.includes(Buffer.from('Observation of ward round'))).toBe(false);
    await decryptSqlcipher4(copy, PASSPHRASE, join(temp.dir, 'copy.decrypted.sqlite'));
    const opened = await openCaseFile({ path: copy, passphrase: PASSPHRASE, readOnly: true });
    expect((await listEvidence(leadScope(opened))).map((item) => item.title)).toEqual([
      'Observation of ward round',
    ]);
    expect(await opened.verifyAuditChain()).toMatchObject({ ok: true });
    await opened.close();
    expect(readdirSync(temp.dir).some((name) => name.includes('.saving-'))).toBe(false);
  });

  it('refuses to create over an existing file and never leaves a half-made case file', async () => {
    const path = join(temp.dir, 'format.copanel');
    const before = sha256OfFile(path);
    expect((await expectUserError(createTestCase(path))).code).toBe('CASE_FILE_EXISTS');
    expect(sha256OfFile(path)).toBe(before);
    const weak = await expectUserError(
      createTestCase(join(temp.dir, 'weak.copanel'), { passphrase: 'riverside' }),
    );
    expect(weak.code).toBe('WEAK_PASSPHRASE');
    expect(existsSync(join(temp.dir, 'weak.copanel'))).toBe(false);
    expect(readdirSync(temp.dir).some((name) => name.includes('.creating-') || name.endsWith('.lock'))).toBe(
      false,
    );
  });
});

describe('passphrases', () => {
  it('refuses weak passphrases with the meter’s reason', () => {
    const weak = checkPassphraseStrength('password1');
    expect(weak.acceptable).toBe(false);
    expect(weak.warning).toMatch(/common/i);
    expect(checkPassphraseStrength('riversidemind2025', ['Riverside Mind']).acceptable).toBe(false);
    expect(checkPassphraseStrength('Zq8#vLp2').warning).toMatch(/shorter than/);
    expect(checkPassphraseStrength(PASSPHRASE).acceptable).toBe(true);
  });

  it('generates strong passphrases of at least five distinct random everyday words', () => {
    expect(new Set(PASSPHRASE_WORDS).size).toBe(PASSPHRASE_WORDS.length);
    expect(PASSPHRASE_WORDS.length).toBeGreaterThanOrEqual(1024);
    expect(PASSPHRASE_WORDS.every((word) => /^[a-z]{3,10}$/.test(word))).toBe(true);
    const generated = Array.from({ length: 30 }, () => generatePassphrase());
    expect(new Set(generated).size).toBe(30);
    for (const passphrase of generated) {
      const words = passphrase.split('-');
      expect(words.length).toBe(6);
      expect(new Set(words).size).toBe(6);
      expect(words.every((word) => PASSPHRASE_WORDS.includes(word))).toBe(true);
      expect(checkPassphraseStrength(passphrase).acceptable, passphrase).toBe(true);
    }
    expect(generatePassphrase({ words: 3 }).split('-')).toHaveLength(5);
  });
});
