import { randomBytes, randomUUID } from 'node:crypto';
import {
  copyFileSync,
  createReadStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  CaseFileHistoryCheck,
  CertificateVerification,
  CaseFileHistoryProgress,
  InputOf,
  Result,
} from '../../../src/shared/api';
import { clientContext, dispatch, handlers, localApiContext, type ApiContext } from '../../../src/main/api';
import { CaseRegistry } from '../../../src/main/casefile';
import { DEMO_CASE_FILE } from '../../../src/main/demo';
import { nodeRuntime, type RuntimeEnvironment } from '../../../src/main/runtime';
import { editAgreedScore, recomputeChain, withoutTriggers } from '../casefile/rewrite-history';
import { makeTempDir, openRaw, sha256OfFile } from '../casefile/support';
import { copanel, DEMO_PASSPHRASE } from './support';

/**
 * Issue 17, item 4: the Verify screen, given the case file, reports a case file whose history was
 * rewritten after the certificate was issued. `certificate.checkCaseFile` takes the case file as
 * an upload (browser mode) or by path (desktop app), checks a private read-only copy against a
 * certificate this client found genuine, and leaves the original untouched. Every case file here
 * is the real encrypted file `copanel demo` makes, changed with SQL as an attacker with the
 * passphrase would.
 */

const temp = makeTempDir('copanel-case-file-history-');
let demoDir: string;
let demo: string;
let certificateNumber: string;
let rootBase64: string;
let certificateBase64: string;

beforeAll(async () => {
  demoDir = join(temp.dir, 'demo');
  const made = await copanel(['demo', '--out', demoDir], { COPANEL_PASSPHRASE: DEMO_PASSPHRASE });
  expect(made.code, made.out + made.err).toBe(0);
  demo = join(demoDir, DEMO_CASE_FILE);
  rootBase64 = readFileSync(join(demoDir, 'scheme-root.pem')).toString('base64');
  certificateBase64 = readFileSync(join(demoDir, 'certificate.pdf')).toString('base64');
}, 240_000);
afterAll(() => temp.cleanup());

let clients = 0;
/** A client of the app on this computer: the desktop app and CLI (files by path) or a browser page (uploads only). */
function newClient(kind: 'desktop' | 'browser'): { ctx: ApiContext; runtime: RuntimeEnvironment } {
  clients += 1;
  const runtime = nodeRuntime('browser', {
    userDataDir: join(temp.dir, `user-data-${clients}`),
    workspaceDir: join(temp.dir, `workspace-${clients}`),
  });
  mkdirSync(runtime.workspaceDir, { recursive: true });
  const ctx =
    kind === 'desktop'
      ? localApiContext(runtime)
      : clientContext(runtime, new CaseRegistry(), { localFiles: false, appSettings: true });
  return { ctx, runtime };
}

async function verifyCertificate(ctx: ApiContext): Promise<void> {
  const result = (await dispatch(
    handlers,
    'certificate.verify',
    { fileName: 'certificate.pdf', base64: certificateBase64, trustedRootBase64: rootBase64 },
    ctx,
  )) as Result<CertificateVerification>;
  expect(result.ok && result.value.valid, JSON.stringify(result)).toBe(true);
  if (!result.ok) return;
  certificateNumber = result.value.facts.certificateNumber ?? '';
  expect(result.value.recordOfChanges?.entries).toBeGreaterThan(10);
}

type CheckInput = Omit<InputOf<'certificate.checkCaseFile'>, 'checkId'> & { checkId?: string };

function checkCaseFile(
  ctx: ApiContext,
  input: Partial<CheckInput> & { fileName: string },
  upload?: Readable,
): Promise<Result<CaseFileHistoryCheck>> {
  return dispatch(
    handlers,
    'certificate.checkCaseFile',
    { checkId: randomUUID(), certificateNumber, passphrase: DEMO_PASSPHRASE, ...input },
    upload ? { ...ctx, upload } : ctx,
  ) as Promise<Result<CaseFileHistoryCheck>>;
}

/** Uploads the file at `path` as browser mode does, and checks it. */
async function uploadAndCheck(path: string, passphrase = DEMO_PASSPHRASE) {
  const { ctx, runtime } = newClient('browser');
  await verifyCertificate(ctx);
  const before = sha256OfFile(path);
  const besideBefore = readdirSync(join(path, '..')).sort();
  const result = await checkCaseFile(
    ctx,
    { fileName: 'harbour-minds.copanel', passphrase, sizeBytes: statSync(path).size },
    createReadStream(path),
  );
  // The original is only read: the same bytes, and nothing written beside it (no journal, no lock).
  expect(sha256OfFile(path)).toBe(before);
  expect(readdirSync(join(path, '..')).sort()).toEqual(besideBefore);
  // The private copy is gone.
  expect(readdirSync(join(runtime.userDataDir, 'case-file-checks'))).toEqual([]);
  return result;
}

let copies = 0;
/** A copy of the demo case file, in a folder of its own, changed with SQL as an attacker with the passphrase would. */
function rewritten(attack: (db: ReturnType<typeof openRaw>) => void): string {
  copies += 1;
  const dir = join(temp.dir, `rewritten-${copies}`);
  mkdirSync(dir);
  const path = join(dir, DEMO_CASE_FILE);
  copyFileSync(demo, path);
  const db = openRaw(path, DEMO_PASSPHRASE);
  try {
    attack(db);
  } finally {
    db.close();
  }
  return path;
}

describe('checking a case file against a certificate found genuine on the Verify screen', () => {
  it('says the genuine case file’s history matches the certificate, up to the signing', async () => {
    const result = await uploadAndCheck(demo);
    expect(result.ok, JSON.stringify(result)).toBe(true);
    if (!result.ok) return;
    expect(result.value.verdict).toBe('matches');
    expect(result.value.summary).toMatch(
      new RegExp(
        `^The case file’s history matches the certificate: ${result.value.entriesAtSigning} entries up to the signing`,
      ),
    );
    expect(result.value.summary).toContain(certificateNumber);
  });

  it('reports a history rewritten before the signing and recomputed so that the chain checks out', async () => {
    const file = rewritten((db) =>
      withoutTriggers(db, () => {
        db.prepare("update audit_log set actor = 'someone else' where seq = 2").run();
        recomputeChain(db);
      }),
    );
    const result = await uploadAndCheck(file);
    expect(result.ok && result.value.verdict).toBe('rewritten');
    if (!result.ok) return;
    expect(result.value.summary).toMatch(/^The history was rewritten after the certificate was issued: /);
    expect(result.value.problems.join(' ')).toMatch(/history up to the signing was rewritten/);
  });

  it('reports entries cut from the end with the head moved back', async () => {
    const file = rewritten((db) =>
      withoutTriggers(db, () => {
        db.prepare('delete from audit_log where seq >= 5').run();
        recomputeChain(db);
      }),
    );
    const result = await uploadAndCheck(file);
    expect(result.ok && result.value.verdict).toBe('rewritten');
    if (result.ok) expect(result.value.problems.join(' ')).toMatch(/holds only 4: entries were removed/);
  });

  it('reports an agreed score edited with SQL', async () => {
    const result = await uploadAndCheck(rewritten(editAgreedScore));
    expect(result.ok && result.value.verdict).toBe('rewritten');
    if (result.ok)
      expect(result.value.problems.join(' ')).toMatch(
        /the agreed score for .* is not the score its record of changes shows/,
      );
  });

  it('says a wrong passphrase plainly, naming the file chosen', async () => {
    const result = await uploadAndCheck(demo, 'not the passphrase at all');
    expect(result).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
    if (!result.ok)
      expect(result.error.message).toMatch(/^That passphrase does not open “harbour-minds.copanel”/);
  });

  it('says a random file is not a case file (or, when its size fits, that the passphrase does not open it)', async () => {
    mkdirSync(join(temp.dir, 'random'));
    const random = join(temp.dir, 'random', 'random.bin');
    writeFileSync(random, randomBytes(50_000));
    expect(await uploadAndCheck(random)).toMatchObject({ ok: false, error: { code: 'NOT_A_CASE_FILE' } });
    // Random bytes in whole pages cannot be told from a case file encrypted under another passphrase.
    writeFileSync(random, randomBytes(64 * 1024));
    expect(await uploadAndCheck(random)).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
  });

  it('says the certificate PDF, or a ZIP, given as the case file is that, not a case file cut short', async () => {
    const pdf = await uploadAndCheck(join(demoDir, 'certificate.pdf'));
    expect(pdf).toMatchObject({ ok: false, error: { code: 'NOT_A_CASE_FILE' } });
    if (!pdf.ok) {
      expect(pdf.error.message).toContain('it is a PDF document, such as the certificate or the report');
      expect(pdf.error.message).not.toContain('cut short');
    }
    mkdirSync(join(temp.dir, 'zip'));
    const zip = join(temp.dir, 'zip', 'case.zip');
    writeFileSync(zip, Buffer.concat([Buffer.from('PK\u0003\u0004', 'latin1'), randomBytes(5_000)]));
    const zipped = await uploadAndCheck(zip);
    expect(zipped).toMatchObject({ ok: false, error: { code: 'NOT_A_CASE_FILE' } });
    if (!zipped.ok) {
      expect(zipped.error.message).toContain('it is a ZIP archive');
      expect(zipped.error.message).not.toContain('cut short');
    }
  });

  it('says a damaged case file is damaged', async () => {
    const damaged = rewritten(() => undefined);
    const bytes = readFileSync(damaged);
    bytes[bytes.length - 100] = (bytes[bytes.length - 100] ?? 0) ^ 0xff;
    writeFileSync(damaged, bytes);
    const result = await uploadAndCheck(damaged);
    expect(result).toMatchObject({ ok: false, error: { code: 'CASE_FILE_DAMAGED' } });
  });

  it('checks only against a certificate this client found genuine', async () => {
    const { ctx } = newClient('browser');
    const result = await checkCaseFile(ctx, { fileName: 'harbour-minds.copanel' }, createReadStream(demo));
    expect(result).toMatchObject({ ok: false, error: { code: 'CERTIFICATE_NOT_GENUINE' } });
  });

  it('takes the file by path in the desktop app; a browser page cannot name a path', async () => {
    const desktop = newClient('desktop');
    await verifyCertificate(desktop.ctx);
    const before = sha256OfFile(demo);
    const byPath = await checkCaseFile(desktop.ctx, { fileName: DEMO_CASE_FILE, path: demo });
    expect(byPath.ok && byPath.value.verdict).toBe('matches');
    expect(sha256OfFile(demo)).toBe(before);

    const browser = newClient('browser');
    await verifyCertificate(browser.ctx);
    const refused = await checkCaseFile(browser.ctx, { fileName: DEMO_CASE_FILE, path: demo });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  it('reports progress while the file arrives, in a folder only this user can read; the copy goes afterwards', async () => {
    const { ctx, runtime } = newClient('browser');
    await verifyCertificate(ctx);
    const bytes = readFileSync(demo);
    const upload = new PassThrough();
    const checkId = randomUUID();
    const progress = async () =>
      (await dispatch(
        handlers,
        'certificate.caseFileCheckProgress',
        { checkId },
        ctx,
      )) as Result<CaseFileHistoryProgress | null>;
    const answer = checkCaseFile(
      ctx,
      { checkId, fileName: 'harbour-minds.copanel', sizeBytes: bytes.length },
      upload,
    );
    const half = Math.floor(bytes.length / 2);
    upload.write(bytes.subarray(0, half));
    await expect
      .poll(async () => (await progress()).ok && (await progress()))
      .toMatchObject({
        ok: true,
        value: { stage: 'receiving', done: half, total: bytes.length },
      });
    const checks = join(runtime.userDataDir, 'case-file-checks');
    const [folder] = readdirSync(checks);
    expect(statSync(join(checks, folder!)).mode & 0o777).toBe(0o700);
    const copy = join(checks, folder!, 'harbour-minds.copanel');
    await expect.poll(() => existsSync(copy)).toBe(true);
    expect(statSync(copy).mode & 0o777).toBe(0o600);
    upload.end(bytes.subarray(half));
    const result = await answer;
    expect(result.ok && result.value.verdict).toBe('matches');
    expect(await progress()).toEqual({ ok: true, value: null });
    expect(readdirSync(checks)).toEqual([]);
  });

  it('removes a copy left behind by a process that stopped, and refuses a file over the limit before reading it', async () => {
    const { ctx, runtime } = newClient('browser');
    await verifyCertificate(ctx);
    const checks = join(runtime.userDataDir, 'case-file-checks');
    const leftover = join(checks, '999999999-abc123');
    mkdirSync(leftover, { recursive: true });
    writeFileSync(join(leftover, 'left.copanel'), 'x');
    const tooLarge = await checkCaseFile(
      ctx,
      { fileName: 'huge.copanel', sizeBytes: 5 * 1024 ** 3 },
      new PassThrough(),
    );
    expect(tooLarge).toMatchObject({ ok: false, error: { code: 'NOT_A_CASE_FILE' } });
    const result = await checkCaseFile(ctx, { fileName: 'harbour-minds.copanel' }, createReadStream(demo));
    expect(result.ok && result.value.verdict).toBe('matches');
    expect(readdirSync(checks)).toEqual([]);
  });
});
