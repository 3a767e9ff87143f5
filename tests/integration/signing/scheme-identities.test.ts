import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PkiCertificate,
  assessorRoleOf,
  issueAssessorIdentity,
  loadIdentity,
  loadSchemeRoot,
  parseRevocationList,
  revokeCertificates,
} from '../../../src/main/signing';
import { IDENTITY_PASSWORD, NOW, ROOT_PASSPHRASE, makeScheme, type TestScheme } from './scheme-fixture';
import { missingTools, run, workspace, type Workspace } from './tools';

const missing = missingTools();

describe('scheme identities', () => {
  let scheme: TestScheme;
  let ws: Workspace;

  beforeAll(async () => {
    scheme = await makeScheme();
    ws = workspace();
  });
  afterAll(() => ws?.dispose());

  it('keeps the root key only in an encrypted PKCS#8 file', () => {
    expect(scheme.root.encryptedKeyPem).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    expect(scheme.root.encryptedKeyPem).not.toContain('-----BEGIN PRIVATE KEY-----');
    expect(Object.keys(scheme.root).sort()).toEqual([
      'certificate',
      'certificatePem',
      'encryptedKeyPem',
      'name',
    ]);
  });

  it('makes a self-signed ECDSA P-256 root that may sign certificates and revocation lists', async () => {
    const root = scheme.root.certificate;
    expect(root.isSelfIssued).toBe(true);
    expect(await root.isIssuedBy(root)).toBe(true);
    expect(root.isCertificateAuthority).toBe(true);
    expect(root.keyUsage).toEqual(['keyCertSign', 'cRLSign']);
    expect(root.organisation).toBe('Coproduction Quality Standard');
  });

  it('issues an assessor certificate for signing, named and with a role, from the root', async () => {
    const { lead, leadIssued } = scheme;
    expect(lead.name).toBe('Amara Okafor');
    expect(lead.role).toBe('Lead assessor');
    expect(lead.certificateNumber).toBe(leadIssued.certificateNumber);
    expect(lead.certificateNumber).toMatch(/^[0-9a-f]{32}$/);
    expect(lead.keyId).toMatch(/^[0-9a-f]{16}$/);
    expect(lead.certificate.keyUsage).toEqual(['digitalSignature', 'nonRepudiation']);
    expect(lead.certificate.isCertificateAuthority).toBe(false);
    expect(lead.chain.map((c) => c.commonName)).toEqual([
      'Amara Okafor',
      'Coproduction Quality Standard Root',
    ]);
    expect(await lead.certificate.isIssuedBy(scheme.root.certificate)).toBe(true);
    expect(scheme.coSigner.certificateNumber).not.toBe(lead.certificateNumber);
  });

  it('writes the role into the identity as the scheme’s certificate policy, and refuses a role it does not know', async () => {
    expect([scheme.lead.schemeRole, scheme.coSigner.schemeRole]).toEqual(['lead', 'expert-by-experience']);
    expect(assessorRoleOf(scheme.lead.certificate)).toBe('lead');
    expect(scheme.leadIssued.role).toBe('lead');
    await expect(
      issueAssessorIdentity({
        root: scheme.root,
        rootPassphrase: ROOT_PASSPHRASE,
        name: 'Robin Example',
        role: 'Reviewer',
        password: 'p',
        validDays: 10,
        now: NOW,
      }),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('"Reviewer" is not a role'),
    });
  });

  it('refuses a wrong identity password and a wrong root passphrase', async () => {
    await expect(loadIdentity(scheme.leadIssued.pkcs12, 'not the password')).rejects.toMatchObject({
      code: 'WRONG_IDENTITY_PASSWORD',
    });
    await expect(loadIdentity(new Uint8Array([1, 2, 3]), IDENTITY_PASSWORD)).rejects.toMatchObject({
      code: 'IDENTITY_INVALID',
    });
    await expect(
      issueAssessorIdentity({
        root: scheme.root,
        rootPassphrase: 'wrong',
        name: 'X',
        role: 'Assessor',
        password: 'p',
        validDays: 10,
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: 'WRONG_SCHEME_PASSPHRASE' });
  });

  it('issues identities from a root reloaded from its two files', async () => {
    const reloaded = loadSchemeRoot({
      certificatePem: scheme.root.certificatePem,
      encryptedKeyPem: scheme.root.encryptedKeyPem,
    });
    expect(reloaded.name).toBe('Coproduction Quality Standard');
    const issued = await issueAssessorIdentity({
      root: reloaded,
      rootPassphrase: ROOT_PASSPHRASE,
      name: 'Siân Evans',
      role: 'Expert by Experience assessor',
      password: 'pw',
      validDays: 30,
      now: NOW,
    });
    const identity = await loadIdentity(issued.pkcs12, 'pw');
    expect(identity.name).toBe('Siân Evans');
    expect(await identity.certificate.isIssuedBy(scheme.root.certificate)).toBe(true);
  });

  it('signs revocation lists with the root and refuses lists from anyone else', async () => {
    const crl = await revokeCertificates({
      root: scheme.root,
      rootPassphrase: ROOT_PASSPHRASE,
      entries: [
        {
          serial: scheme.coSigner.certificateNumber,
          reason: 'keyCompromise',
          date: new Date('2025-04-01T00:00:00Z'),
        },
        {
          kitemarkCertificateNumber: 'CPS-2025-0001',
          reason: 'privilegeWithdrawn',
          date: new Date('2025-05-01T00:00:00Z'),
        },
      ],
      now: new Date('2025-05-02T00:00:00Z'),
    });
    expect(crl.pem).toContain('-----BEGIN X509 CRL-----');
    const list = await parseRevocationList(crl.pem, [scheme.root.certificate]);
    expect(list.entries[0]).toMatchObject({
      serial: scheme.coSigner.certificateNumber,
      reason: 'keyCompromise',
    });
    expect(list.entries[1]?.reason).toBe('privilegeWithdrawn');
    expect((await parseRevocationList(crl.der, [scheme.root.certificate])).entries).toHaveLength(2);

    const other = await makeScheme('Another Scheme');
    await expect(parseRevocationList(crl.pem, [other.root.certificate])).rejects.toMatchObject({
      code: 'REVOCATION_LIST_INVALID',
    });
    await expect(parseRevocationList('not a list', [scheme.root.certificate])).rejects.toMatchObject({
      code: 'REVOCATION_LIST_INVALID',
    });
  });

  describe.skipIf(missing.length > 0)(`with openssl (${missing.join(', ') || 'all tools present'})`, () => {
    it('openssl opens the root key file with the passphrase (PBES2, PBKDF2-HMAC-SHA256, AES-256-CBC) and not without', () => {
      const keyFile = ws.write('root.key.pem', scheme.root.encryptedKeyPem);
      const opened = run('openssl', [
        'pkey',
        '-in',
        keyFile,
        '-passin',
        `pass:${ROOT_PASSPHRASE}`,
        '-noout',
        '-text',
      ]);
      expect(opened.status).toBe(0);
      expect(opened.output).toContain('prime256v1');
      expect(run('openssl', ['pkey', '-in', keyFile, '-passin', 'pass:wrong', '-noout']).status).not.toBe(0);
      const structure = run('openssl', ['asn1parse', '-in', keyFile]).output;
      expect(structure).toMatch(/PBES2/);
      expect(structure).toMatch(/PBKDF2/);
      expect(structure).toMatch(/hmacWithSHA256/);
      expect(structure).toMatch(/aes-256-cbc/);
    });

    it('openssl reads the root as a CA and verifies the assessor certificate against it', () => {
      const rootFile = ws.write('root.pem', scheme.root.certificatePem);
      const text = run('openssl', ['x509', '-in', rootFile, '-noout', '-text']).output;
      expect(text).toContain('CA:TRUE');
      expect(text).toContain('Certificate Sign, CRL Sign');
      expect(text).toContain('ecdsa-with-SHA256');
      const leafFile = ws.write('lead.pem', scheme.leadIssued.certificatePem);
      expect(run('openssl', ['verify', '-CAfile', rootFile, leafFile]).output).toContain(': OK');
      const leaf = run('openssl', [
        'x509',
        '-in',
        leafFile,
        '-noout',
        '-text',
        '-subject',
        '-nameopt',
        'RFC2253',
      ]).output;
      expect(leaf).toMatch(/Key Usage: critical\s+Digital Signature, Non Repudiation/);
      expect(leaf).toContain(
        'subject=O=Coproduction Quality Standard,OU=Assessors,title=Lead assessor,CN=Amara Okafor',
      );
      // The role, as the scheme's own certificate policy (non-critical, so validators accept it).
      expect(leaf).toMatch(
        /X509v3 Certificate Policies:\s+Policy: 2\.25\.213814232480750019073182785224168450490\.1\.1\b/,
      );
      const coSignerFile = ws.write('co-signer.pem', scheme.coSignerIssued.certificatePem);
      expect(run('openssl', ['x509', '-in', coSignerFile, '-noout', '-text']).output).toMatch(
        /Policy: 2\.25\.213814232480750019073182785224168450490\.1\.2\b/,
      );
      expect(run('openssl', ['verify', '-CAfile', rootFile, coSignerFile]).output).toContain(': OK');
    });

    it('openssl opens the PKCS#12 with its password: AES-256 PBES2 bags and an HMAC-SHA256 MAC', () => {
      const p12 = ws.write('lead.p12', scheme.leadIssued.pkcs12);
      const info = run('openssl', [
        'pkcs12',
        '-info',
        '-in',
        p12,
        '-passin',
        `pass:${IDENTITY_PASSWORD}`,
        '-nokeys',
      ]);
      expect(info.status).toBe(0);
      expect(info.output).toContain('MAC: sha256');
      expect(info.output).toMatch(/Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC/);
      expect(info.output).toMatch(/Encrypted data: PBES2, PBKDF2, AES-256-CBC/);
      expect(info.output).toContain('friendlyName: Amara Okafor (Lead assessor)');
      const key = run('openssl', [
        'pkcs12',
        '-in',
        p12,
        '-passin',
        `pass:${IDENTITY_PASSWORD}`,
        '-nocerts',
        '-nodes',
      ]);
      expect(key.output).toContain('-----BEGIN PRIVATE KEY-----');
      expect(
        run('openssl', ['pkcs12', '-info', '-in', p12, '-passin', 'pass:wrong', '-nokeys']).status,
      ).not.toBe(0);
    });

    it('openssl verifies the revocation list against the root', async () => {
      const crl = await revokeCertificates({
        root: scheme.root,
        rootPassphrase: ROOT_PASSPHRASE,
        entries: [{ serial: scheme.lead.certificateNumber, reason: 'affiliationChanged', date: NOW }],
        now: NOW,
      });
      const crlFile = ws.write('scheme.crl.pem', crl.pem);
      const rootFile = ws.write('root-for-crl.pem', scheme.root.certificatePem);
      const checked = run('openssl', ['crl', '-in', crlFile, '-CAfile', rootFile, '-noout', '-text']);
      expect(checked.output).toContain('verify OK');
      expect(checked.output.toUpperCase()).toContain(
        `SERIAL NUMBER: ${scheme.lead.certificateNumber.toUpperCase()}`,
      );
      expect(checked.output).toContain('Affiliation Changed');
    });

    it('loads a PKCS#12 that openssl itself made', async () => {
      const p12 = ws.write('lead-for-openssl.p12', scheme.leadIssued.pkcs12);
      const pemFile = join(ws.dir, 'lead-all.pem');
      run('openssl', [
        'pkcs12',
        '-in',
        p12,
        '-passin',
        `pass:${IDENTITY_PASSWORD}`,
        '-nodes',
        '-out',
        pemFile,
      ]);
      const remade = join(ws.dir, 'remade.p12');
      const made = run('openssl', [
        'pkcs12',
        '-export',
        '-in',
        pemFile,
        '-out',
        remade,
        '-passout',
        'pass:openssl-made',
      ]);
      expect(made.status).toBe(0);
      const identity = await loadIdentity(readFileSync(remade), 'openssl-made');
      expect(identity.name).toBe('Amara Okafor');
      expect(identity.chain.some((c) => c.sameAs(scheme.root.certificate))).toBe(true);
      expect(PkiCertificate.from(scheme.leadIssued.certificatePem).sameAs(identity.certificate)).toBe(true);
    });
  });
});
