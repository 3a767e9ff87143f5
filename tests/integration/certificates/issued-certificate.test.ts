import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ApiContext, clientContext, COMMAND_LINE, dispatch, handlers } from '../../../src/main/api';
import { readAuditLog, verifyAuditChain, CaseRegistry } from '../../../src/main/casefile';
import { readSignedContent } from '../../../src/main/certificates';
import { DEMO_CASE_FILE, DEMO_ORGANISATION, DEMO_PANEL } from '../../../src/main/demo';
import { nodeRuntime, type RuntimeEnvironment } from '../../../src/main/runtime';
import {
  PkiCertificate,
  decodeQrPayload,
  loadIdentity,
  payloadOfCode,
  verifyQrPayload,
} from '../../../src/main/signing';
import { DEFAULT_VERIFICATION_ADDRESS } from '../../../src/main/settings';
import type { InputOf, OperationName, OutputOf, PdfFile, Result } from '../../../src/shared/api';
import { decodeQrFromPage, missingPdfTools, pdfText, qpdfCheck } from '../documents/pdf-tools';
import { missingTools, nssDatabaseTrusting, pdfsig, workspace, type Workspace } from '../signing/tools';
import { DEMO_PASSPHRASE, appendContentChange, changeBytes, copanel } from './support';

/**
 * The whole issue, end to end: `copanel demo` builds a fictional assessment through the API
 * (real encrypted case file, panel, scoring, moderation, decision, the lead's signature and an
 * Expert by Experience's co-signature); then standard tools and `copanel verify` check what it made.
 */

const missing = [...new Set([...missingTools(), ...missingPdfTools()])];

describe.skipIf(missing.length > 0)('an issued certificate, from `copanel demo` to `copanel verify`', () => {
  let ws: Workspace;
  let dir: string;
  let demoOutput: string;
  let certificate: string;
  let root: string;
  const timings: Record<string, number> = {};
  const verify = (file: string, ...extra: string[]) => copanel(['verify', file, '--trust', root, ...extra]);

  beforeAll(async () => {
    ws = workspace();
    dir = ws.dir;
    const started = performance.now();
    const demo = await copanel(['demo', '--out', join(dir, 'demo')], { COPANEL_PASSPHRASE: DEMO_PASSPHRASE });
    timings.demoMs = performance.now() - started;
    demoOutput = demo.out + demo.err;
    expect(demo.code, demoOutput).toBe(0);
    certificate = join(dir, 'demo', 'certificate.pdf');
    root = join(dir, 'demo', 'scheme-root.pem');
  });
  afterAll(() => {
    console.info(
      `certificate timings (ms): ${JSON.stringify(Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Math.round(v)])))}`,
    );
    ws?.dispose();
  });

  it('writes the scheme root, the encrypted case file, the certificate, the report and a score sheet', () => {
    for (const name of [
      'scheme-root.pem',
      DEMO_CASE_FILE,
      'certificate.pdf',
      'report.pdf',
      'score-sheet.pdf',
    ]) {
      expect(readFileSync(join(dir, 'demo', name)).length, name).toBeGreaterThan(500);
    }
    expect(
      readFileSync(join(dir, 'demo', DEMO_CASE_FILE))
        .subarray(0, 16)
        .toString('latin1'),
    ).not.toContain('SQLite format');
    expect(demoOutput).toContain('Passphrase: the one in COPANEL_PASSPHRASE.');
    expect(demoOutput).toMatch(/certificate CPS-\d{4}-[0-9A-F]{8}, Level 2/);
    // The panel's fictional PINs, so the demo case file can be opened and signed in to in the app.
    const pins = /^PINs to sign in to the demo case the first time \(fictional\): (.*)\.$/m.exec(
      demoOutput,
    )?.[1];
    // The same PINs the README gives.
    expect(pins, demoOutput).toBe('Amara Okafor (lead assessor) 2468, Dafydd Llywelyn 1357, Priya Shah 8642');
  });

  it('pdfsig: two signatures, each valid, the last covering the whole document; trusted once the root is in NSS', () => {
    const plain = pdfsig(certificate);
    expect(plain.map((s) => [s.signerName, s.signatureValid])).toEqual([
      [DEMO_PANEL.lead.name, true],
      [DEMO_PANEL.experts[0].name, true],
    ]);
    expect(plain.map((s) => s.totalDocumentSigned)).toEqual([false, true]);
    const trusted = pdfsig(certificate, nssDatabaseTrusting(ws, readFileSync(root, 'utf8')));
    expect(trusted.map((s) => s.certificate)).toEqual(['Certificate is Trusted.', 'Certificate is Trusted.']);
    const report = pdfsig(join(dir, 'demo', 'report.pdf'));
    expect(report.map((s) => [s.signerName, s.signatureValid, s.totalDocumentSigned])).toEqual([
      [DEMO_PANEL.lead.name, true, true],
    ]);
  });

  it('qpdf finds no errors or warnings; pdftotext shows the organisation, the level and the consenting names', () => {
    const check = qpdfCheck(certificate);
    expect(check.status, check.output).toBe(0);
    expect(check.output).toContain('No syntax or stream encoding errors found');
    expect(check.output).not.toMatch(/WARNING/i);
    const text = pdfText(certificate);
    expect(text).toContain(DEMO_ORGANISATION);
    expect(text).toContain('Level 2');
    expect(text).toContain(DEMO_PANEL.lead.name);
    expect(text).toContain(DEMO_PANEL.experts[0].name);
    expect(text).not.toContain(DEMO_PANEL.experts[1].name); // did not consent to be named
    expect(pdfText(join(dir, 'demo', 'report.pdf'))).toContain(
      'They asked what would help me before anything else',
    );
    expect(pdfText(join(dir, 'demo', 'report.pdf'))).not.toContain('did not want quoted');
    // The demo panel gave 2 to all but two of its 57 scores: the report says what the screen says.
    const report = pdfText(join(dir, 'demo', 'report.pdf')).replace(/\s+/g, ' ');
    expect(report).toContain('How much the panel agreed');
    expect(report).toContain('Alpha says little here: 55 of 57 scores are 2');
    expect(report).toContain('54 of 57 pairs of scores (94%) are exactly the same');
  });

  it('copanel verify: exit 0, every check passed, with the facts', async () => {
    const started = performance.now();
    const result = await verify(certificate, '--json');
    timings.verifyMs = performance.now() - started;
    expect(result.code, result.out + result.err).toBe(0);
    const parsed = JSON.parse(result.out) as OutputOf<'certificate.verify'>;
    expect(parsed.valid).toBe(true);
    expect(parsed.checks.filter((c) => !c.passed)).toEqual([]);
    expect(parsed.checks.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'QR code matches the printed certificate',
        'Certified by the lead assessor',
        'Co-signed by the Expert by Experience',
        'The page shows what the lead signed',
        'Certificate in date',
      ]),
    );
    expect(parsed.facts).toMatchObject({
      organisation: DEMO_ORGANISATION,
      level: 'Level 2',
      signers: [
        expect.stringContaining(DEMO_PANEL.lead.name),
        expect.stringContaining(DEMO_PANEL.experts[0].name),
      ],
    });
  });

  it('copanel verify of the signed report says it is a report, not a certificate, and checks its signature', async () => {
    const report = join(dir, 'demo', 'report.pdf');
    const text = await verify(report);
    expect(text.code, text.out + text.err).toBe(0);
    expect(text.out).toMatch(/^VALID: This is an assessment report, not a certificate\./);
    const parsed = JSON.parse((await verify(report, '--json')).out) as OutputOf<'certificate.verify'>;
    expect(parsed).toMatchObject({ document: 'report', valid: true });
    expect(parsed.summary).toContain('not the certificate itself');
    expect(parsed.facts.signers).toEqual([expect.stringContaining(DEMO_PANEL.lead.name)]);
    expect(parsed.checks.filter((c) => !c.passed)).toEqual([]);
    expect(parsed.checks.map((c) => c.name)).toEqual(
      expect.arrayContaining(['Certified by the lead assessor', 'Whole file signed']),
    );
    // A changed byte inside the report's signed range: still called a report, and not valid.
    const changed = join(dir, 'report-changed.pdf');
    writeFileSync(
      changed,
      changeBytes(readFileSync(report), 'Coproduction Panel (react-pdf)', 'Coproduction Panel (react-pdg)'),
    );
    const bad = JSON.parse((await verify(changed, '--json')).out) as OutputOf<'certificate.verify'>;
    expect(bad).toMatchObject({ document: 'report', valid: false });
    expect(bad.summary).toMatch(/^Do not rely on this report\./);
  });

  it('the QR code is a link to the scheme’s checking page carrying the payload; it verifies and matches the printed text and the payload the PDF carries', async () => {
    const started = performance.now();
    const scanned = decodeQrFromPage(certificate, dir);
    timings.qrDecodeMs = performance.now() - started;
    expect(scanned).not.toBeNull();
    // A phone opens the scheme's page; the signed payload rides in the fragment, never sent to the server.
    const keywords = readSignedContent(readFileSync(certificate))?.keywords;
    expect(scanned).toBe(`${DEFAULT_VERIFICATION_ADDRESS}#${keywords}`);
    expect(payloadOfCode(scanned!)).toBe(keywords);
    // The caption says how to check it without internet.
    expect(pdfText(certificate).replace(/\s+/g, ' ')).toContain(
      'Without internet: open this PDF in the Coproduction Panel app’s Verify screen, or run copanel verify.',
    );
    const payload = decodeQrPayload(scanned!)!;
    const text = pdfText(certificate);
    expect(text).toContain(payload.organisation);
    expect(text).toContain(`Level ${payload.level}`);
    expect(text).toContain(payload.certificateNumber);
    const lead = await loadIdentity(
      readFileSync(join(dir, 'demo', 'identities', 'amara-okafor.p12')),
      DEMO_PASSPHRASE,
    );
    const checked = await verifyQrPayload(scanned!, {
      trustedRoots: PkiCertificate.allFromPem(readFileSync(root, 'utf8')),
      knownCertificates: [lead.certificate],
      expected: { organisation: DEMO_ORGANISATION, level: 2, certificateNumber: payload.certificateNumber },
    });
    expect(checked.checks.filter((c) => c.status !== 'passed')).toEqual([]);
    expect(checked.valid).toBe(true);
  });

  it('a changed byte inside a signed range: copanel verify exits 1 saying the document changed; pdfsig agrees', async () => {
    const tampered = join(dir, 'tampered.pdf');
    writeFileSync(
      tampered,
      changeBytes(
        readFileSync(certificate),
        'Coproduction Panel (react-pdf)',
        'Coproduction Panel (react-pdg)',
      ),
    );
    const result = await verify(tampered);
    expect(result.code).toBe(1);
    expect(result.out).toContain('NOT VALID');
    expect(result.out).toContain(
      `✗ Signature 1 (${DEMO_PANEL.lead.name}): content unchanged: The document has been changed since ${DEMO_PANEL.lead.name} signed it`,
    );
    expect(pdfsig(tampered).map((s) => s.signatureValid)).toEqual([false, false]);
  });

  it('an appended update that changes content: copanel verify exits 1 with "changed after the first signature"', async () => {
    const forged = join(dir, 'forged.pdf');
    writeFileSync(forged, appendContentChange(readFileSync(certificate)));
    const result = await verify(forged, '--json');
    expect(result.code).toBe(1);
    const parsed = JSON.parse(result.out) as OutputOf<'certificate.verify'>;
    const failed = parsed.checks.filter((c) => !c.passed).map((c) => c.name);
    expect(failed).toEqual([
      'Nothing changed after signing',
      'The page shows what the lead signed',
      'Whole file signed',
    ]);
    expect(parsed.summary).toContain(
      'Something other than an invisible co-signature was added after the lead assessor certified the document',
    );
    expect(parsed.summary).toContain('it changes the content of page 1');
  });

  it('a revoked certificate (copanel scheme revoke, then --revocations) fails with the scheme’s reason', async () => {
    const number = /certificate (CPS-[0-9A-Z-]+),/.exec(demoOutput)?.[1] ?? '';
    const list = join(dir, 'revoked.pem');
    const revoke = await copanel(
      [
        'scheme',
        'revoke',
        number,
        '--reason',
        'privilege-withdrawn',
        '--root',
        join(dir, 'demo'),
        '--out',
        list,
      ],
      {
        COPANEL_SCHEME_PASSPHRASE: DEMO_PASSPHRASE,
      },
    );
    expect(revoke.code, revoke.err).toBe(0);
    const result = await verify(certificate, '--revocations', list);
    expect(result.code).toBe(1);
    expect(result.out).toMatch(
      new RegExp(
        `✗ Certificate not withdrawn: Certificate ${number} was withdrawn by the scheme on .+ because the award or permission was withdrawn\\.`,
      ),
    );
    expect(result.out.match(/^✗/gm)).toHaveLength(1);

    const unrelated = join(dir, 'unrelated.pem');
    await copanel(
      [
        'scheme',
        'revoke',
        'CPS-2020-00000000',
        '--reason',
        'superseded',
        '--root',
        join(dir, 'demo'),
        '--out',
        unrelated,
      ],
      { COPANEL_SCHEME_PASSPHRASE: DEMO_PASSPHRASE },
    );
    const stillValid = await verify(certificate, '--revocations', unrelated);
    expect(stillValid.code, stillValid.out).toBe(0);
    expect(stillValid.out).toContain('✓ Certificate not withdrawn');
  });

  it('past its valid-until date the certificate fails "in date"; usage errors exit 2', async () => {
    const expired = await verify(certificate, '--at', '2099-01-01');
    expect(expired.code).toBe(1);
    expect(expired.out).toMatch(
      /✗ Certificate in date: The kitemark has expired: it was valid until \d+ \w+ \d{4}\./,
    );
    expect((await copanel(['verify'])).code).toBe(2);
    expect((await copanel(['verify', certificate, '--at', 'soon'])).code).toBe(2);
    expect((await copanel(['verify', join(dir, 'no-such.pdf')])).code).toBe(2);
    expect((await copanel(['verify', certificate, '--unknown-option'])).code).toBe(2);
  });

  describe('through the API, on the demo case file', () => {
    let runtime: RuntimeEnvironment;
    let cases: CaseRegistry;
    let caseId: string;
    const identityIds: Record<'lead' | 'expert', string> = { lead: '', expert: '' };
    const client = (): ApiContext => clientContext(runtime, cases, COMMAND_LINE);
    const attempt = <N extends OperationName>(ctx: ApiContext, name: N, input: InputOf<N>) =>
      dispatch(handlers, name, input, ctx) as Promise<Result<OutputOf<N>>>;
    const call = async <N extends OperationName>(
      ctx: ApiContext,
      name: N,
      input: InputOf<N>,
    ): Promise<OutputOf<N>> => {
      const result = await attempt(ctx, name, input);
      if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
      return result.value;
    };
    let lead: ApiContext;
    let expert: ApiContext;
    let quiet: ApiContext;

    beforeAll(async () => {
      runtime = nodeRuntime('cli', { workspaceDir: join(dir, 'demo'), userDataDir: join(dir, 'user-data') });
      cases = new CaseRegistry({ userDataDir: runtime.userDataDir });
      lead = client();
      expert = client();
      quiet = client();
      const p12 = (name: string) => readFileSync(join(dir, 'demo', 'identities', name)).toString('base64');
      identityIds.lead = (
        await call(lead, 'identity.import', {
          fileName: 'amara-okafor.p12',
          base64: p12('amara-okafor.p12'),
          password: DEMO_PASSPHRASE,
        })
      ).id;
      identityIds.expert = (
        await call(lead, 'identity.import', {
          fileName: 'dafydd-llywelyn.p12',
          base64: p12('dafydd-llywelyn.p12'),
          password: DEMO_PASSPHRASE,
        })
      ).id;
      caseId = (
        await call(lead, 'case.open', {
          path: join(dir, 'demo', DEMO_CASE_FILE),
          passphrase: DEMO_PASSPHRASE,
        })
      ).caseId;
      const members = await call(lead, 'panel.list', { caseId });
      const idOf = (name: string) => members.find((m) => m.name === name)!.id;
      await call(lead, 'panel.signIn', {
        caseId,
        memberId: idOf(DEMO_PANEL.lead.name),
        pin: DEMO_PANEL.lead.pin,
      });
      await call(expert, 'panel.signIn', {
        caseId,
        memberId: idOf(DEMO_PANEL.experts[0].name),
        pin: DEMO_PANEL.experts[0].pin,
      });
      await call(quiet, 'panel.signIn', {
        caseId,
        memberId: idOf(DEMO_PANEL.experts[1].name),
        pin: DEMO_PANEL.experts[1].pin,
      });
    });
    afterAll(async () => cases?.closeAll());

    it('records the issued certificate: number, level, dates, SHA-256 of the final PDF, both signers’ key ids', async () => {
      const [record] = await call(expert, 'certificate.list', { caseId });
      const pdf = readFileSync(certificate);
      expect(record).toMatchObject({
        status: 'issued',
        level: 2,
        sha256: createHash('sha256').update(pdf).digest('hex'),
        coSignerName: null,
      });
      expect(record!.signers.map((s) => [s.name, s.role])).toEqual([
        [DEMO_PANEL.lead.name, 'Lead assessor'],
        [DEMO_PANEL.experts[0].name, 'Expert by Experience, co-signer'],
      ]);
      const downloaded = await call(expert, 'certificate.download', {
        caseId,
        certificateId: record!.id,
        document: 'certificate',
      });
      expect(Buffer.from(downloaded.base64, 'base64').equals(pdf)).toBe(true);
      const caseFile = cases.get(caseId);
      expect(await verifyAuditChain(caseFile.db)).toMatchObject({ ok: true });
      const actions = (await readAuditLog(caseFile.db, { limit: 10_000 })).map((row) => row.action);
      expect(actions).toEqual(expect.arrayContaining(['certificate.signed_by_lead', 'certificate.issued']));
      const stored = await caseFile.db
        .selectFrom('certificate')
        .select(['signer_key_ids_json', 'number', 'expires_at'])
        .executeTakeFirstOrThrow();
      expect(JSON.parse(stored.signer_key_ids_json)).toHaveLength(2);
    });

    it('the lead cannot certify with an identity the scheme issued for another role, even in their own name', async () => {
      const p12 = join(dir, 'amara-as-expert.p12');
      const secrets = {
        COPANEL_SCHEME_PASSPHRASE: DEMO_PASSPHRASE,
        COPANEL_IDENTITY_PASSWORD: 'a password of hers',
      };
      const issue = (...extra: string[]) =>
        copanel(
          [
            'scheme',
            'issue',
            '--root',
            join(dir, 'demo'),
            '--name',
            DEMO_PANEL.lead.name,
            '--out',
            p12,
            ...extra,
          ],
          secrets,
        );
      const noRole = await issue('--role', 'reviewer');
      expect(noRole.code).toBe(2);
      expect(noRole.err).toContain('"reviewer" is not a role: use --role lead, --role expert-by-experience');
      const tooShort = await issue('--role', 'expert-by-experience', '--valid-days', '1095');
      expect(tooShort.code).toBe(2);
      expect(tooShort.err).toContain('an identity must outlive the 3-year certificates it signs');
      const issued = await issue('--role', 'Expert by Experience assessor');
      expect(issued.code, issued.err).toBe(0);
      expect(issued.out).toContain(
        `Issued a signing identity for ${DEMO_PANEL.lead.name} (Expert by Experience assessor)`,
      );
      expect(issued.out).toMatch(/valid from (\d{4})-.* until (\d{4})-/);
      const [, from, until] = /valid from (\d{4})-.* until (\d{4})-/.exec(issued.out)!;
      expect(Number(until) - Number(from)).toBe(4);
      expect(issued.out).toContain('Certificates are checked against this identity for their whole 3 years');
      const imported = await call(lead, 'identity.import', {
        fileName: 'amara-as-expert.p12',
        base64: readFileSync(p12).toString('base64'),
        password: 'a password of hers',
      });
      expect(imported.role).toBe('Expert by Experience assessor');
      const result = await attempt(lead, 'certificate.sign', {
        caseId,
        identityId: imported.id,
        identityPassword: 'a password of hers',
      });
      expect(result).toMatchObject({
        ok: false,
        error: {
          code: 'IDENTITY_INVALID',
          message: expect.stringContaining(
            'is an Expert by Experience identity, but the lead assessor certifies with a lead assessor identity',
          ),
        },
      });
      await call(lead, 'identity.remove', { identityId: imported.id });
    });

    it('certificate.sign by someone who is not the lead is FORBIDDEN', async () => {
      const result = await attempt(expert, 'certificate.sign', {
        caseId,
        identityId: identityIds.expert,
        identityPassword: DEMO_PASSPHRASE,
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });

    it('signing with an identity that is not the signed-in member’s is refused, before the password is even tried', async () => {
      const result = await attempt(lead, 'certificate.sign', {
        caseId,
        identityId: identityIds.expert,
        identityPassword: 'not even the password',
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      if (!result.ok)
        expect(result.error.message).toContain(
          `This signing identity belongs to ${DEMO_PANEL.experts[0].name}, but ${DEMO_PANEL.lead.name} is signed in.`,
        );
      const coSign = await attempt(quiet, 'certificate.coSign', {
        caseId,
        identityId: identityIds.expert,
        identityPassword: DEMO_PASSPHRASE,
      });
      expect(coSign).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });

    it('refuses to sign twice, a wrong password, and printing in browser mode; previews and score sheets render', async () => {
      expect(
        await attempt(lead, 'certificate.sign', {
          caseId,
          identityId: identityIds.lead,
          identityPassword: 'wrong password',
        }),
      ).toMatchObject({
        ok: false,
        error: { code: 'WRONG_IDENTITY_PASSWORD' },
      });
      const again = await attempt(lead, 'certificate.sign', {
        caseId,
        identityId: identityIds.lead,
        identityPassword: DEMO_PASSPHRASE,
      });
      expect(again).toMatchObject({
        ok: false,
        error: { code: 'WRONG_STAGE', message: expect.stringContaining('has already been issued') },
      });
      const [record] = await call(lead, 'certificate.list', { caseId });
      // Without a printer (a browser page prints the PDF it opens) printing is refused plainly;
      // with one (the desktop app's print dialog), what is printed is the issued certificate.
      expect(await attempt(lead, 'certificate.print', { caseId, certificateId: record!.id })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
      const printed: PdfFile[] = [];
      const printer = { print: async (pdf: PdfFile) => printed.push(pdf) > 0 };
      const withPrinter: ApiContext = { ...lead, capabilities: { ...lead.capabilities, printer } };
      expect(await call(withPrinter, 'certificate.print', { caseId, certificateId: record!.id })).toEqual({
        printed: true,
      });
      expect(Buffer.from(printed[0]!.base64, 'base64').equals(readFileSync(certificate))).toBe(true);
      const preview = await call(quiet, 'certificate.preview', { caseId });
      expect(preview.certificate.fileName).toBe(`certificate-${record!.certificateNumber}-preview.pdf`);
      expect(Buffer.from(preview.report.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const sheet = await call(quiet, 'certificate.scoreSheet', {
        caseId,
        memberName: DEMO_PANEL.experts[1].name,
      });
      expect(sheet.fileName).toBe('score-sheet-priya-shah.pdf');
      expect(Buffer.from(sheet.base64, 'base64').subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const trust = await call(lead, 'trust.add', {
        fileName: 'scheme-root.pem',
        base64: readFileSync(root).toString('base64'),
      });
      expect(await call(lead, 'trust.list', {})).toEqual([trust]);
      const viaStore = await call(lead, 'certificate.verify', {
        fileName: 'certificate.pdf',
        base64: readFileSync(certificate).toString('base64'),
      });
      expect(viaStore.valid).toBe(true);
    });
  });
});
