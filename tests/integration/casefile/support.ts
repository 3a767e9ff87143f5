import { spawn } from 'node:child_process';
import { createDecipheriv, createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  rmSync,
  statfsSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Kysely } from 'kysely';
import type { CaseScope } from '../../../src/main/case';
import { addEvidence, attachFile } from '../../../src/main/evidence';
import {
  createCaseFile,
  openCaseFile as openCaseFileAs,
  type CaseFile,
  type CaseFileDatabase,
  type CreateCaseFileOptions,
  type OpenCaseFileOptions,
  openSqlite,
  type SqliteDatabase,
  unlockWithPassphrase,
  deriveSqlcipher4Keys,
  pageHmacMatches,
  pageLayout,
  SQLCIPHER4,
} from '../../../src/main/casefile';
import { readAppVersion } from '../../../src/main/runtime';
import { createSchemeFile, type SchemeFile } from '../../../src/main/scheme';
import { findBundledStandard } from '../../../src/main/standards';
import type { EvidenceFields, Organisation } from '../../../src/shared/api';
import type { Standard } from '../../../src/shared/standard';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../..', import.meta.url)));
/** The app's version, which the app hands to the case file when it creates or opens one. */
export const APP_VERSION = readAppVersion(REPO_ROOT);
export const PASSPHRASE = 'lantern-meadow-quartz-harbor-violin';
export const OTHER_PASSPHRASE = 'pebble-orchard-zephyr-canoe-marigold';
export const STANDARD = { id: 'coproduction-standard', version: 1, sha256: 'ab'.repeat(32) };
export const ORGANISATION = 'Riverside Community Mind';

export function makeTempDir(
  prefix = 'copanel-',
  options: { preferMemory?: number } = {},
): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(
    join(options.preferMemory ? memoryBackedTempRoot(options.preferMemory) : tmpdir(), prefix),
  );
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * /dev/shm when it has room for `bytes`, else the ordinary temp folder. The 100 MB attachment test
 * writes about 400 MB; on a real disk that leaves the disk busy writing back for a while, which
 * slows every fsync of the tests that follow (the crash test most of all).
 */
function memoryBackedTempRoot(bytes: number): string {
  try {
    const stats = statfsSync('/dev/shm');
    if (stats.bavail * stats.bsize > bytes) return '/dev/shm';
  } catch {
    // no /dev/shm here
  }
  return tmpdir();
}

export function caseOptions(
  path: string,
  overrides: Partial<CreateCaseFileOptions> = {},
): CreateCaseFileOptions {
  return {
    path,
    organisationName: ORGANISATION,
    passphrase: PASSPHRASE,
    lead: { name: 'Asha Patel', pin: '2468' },
    standard: STANDARD,
    appVersion: APP_VERSION,
    ...overrides,
  };
}

/** Opens a case file as the app does, handing it the app's version unless the test gives another. */
export function openCaseFile(
  options: Omit<OpenCaseFileOptions, 'appVersion'> & { appVersion?: string },
): Promise<CaseFile> {
  return openCaseFileAs({ appVersion: APP_VERSION, ...options });
}

export async function createTestCase(
  path: string,
  overrides: Partial<CreateCaseFileOptions> = {},
): Promise<CaseFile> {
  return createCaseFile(caseOptions(path, overrides));
}

/** A new scheme file for the Northfield scheme, created by Mo Reyes with the test passphrase, open. */
export function createTestSchemeFile(path: string): Promise<SchemeFile> {
  return createSchemeFile({
    path,
    schemeName: 'Northfield Kitemark Scheme',
    passphrase: PASSPHRASE,
    appVersion: APP_VERSION,
    createdBy: 'Mo Reyes',
  });
}

/**
 * The lead assessor's scope on a test case file, as the dispatcher would give it: the audit log
 * names them `label` ('lead' by default). The bundled standard stands in for the test fingerprint.
 */
export function leadScope(caseFile: CaseFile, label = 'lead'): CaseScope {
  bundledStandard ??= findBundledStandard(join(REPO_ROOT, 'resources'), STANDARD.id, STANDARD.version);
  if (!bundledStandard) throw new Error('The default standard is not bundled.');
  return {
    caseFile,
    standard: bundledStandard,
    actor: { memberId: label, name: label, role: 'lead', label },
  };
}
let bundledStandard: Standard | undefined;

/** An evidence item as the contract would pass it on, with everything not given left empty. */
export function evidenceFields(
  fields: Partial<EvidenceFields> & Pick<EvidenceFields, 'title' | 'kind'>,
): EvidenceFields {
  return { source: '', date: null, criteria: [], consent: 'not_needed', quote: '', notes: '', ...fields };
}

/** The organisation's details as the contract would pass them on, with everything not given left empty. */
export function organisationDetails(fields: Partial<Organisation>): Organisation {
  return {
    name: ORGANISATION,
    address: '',
    registrationNumber: '',
    servicesInScope: '',
    contactName: '',
    contactEmail: '',
    contactPhone: '',
    ...fields,
  };
}

/**
 * The case file's connection with writing allowed: only for tests that play an attacker or a
 * broken disk, bypassing the app on purpose (the app itself can change a file only through `mutate`).
 */
export function bypassingTheApp(caseFile: CaseFile): Kysely<CaseFileDatabase> {
  return caseFile.db as unknown as Kysely<CaseFileDatabase>;
}

/** A closed case file with the lead's score sheet started, ready for the score writer child. */
export async function createScoringCase(path: string): Promise<void> {
  const caseFile = await createTestCase(path);
  const lead = await caseFile.db
    .selectFrom('panel_member')
    .select(['id', 'cycle_id'])
    .executeTakeFirstOrThrow();
  await caseFile.mutate(lead.id, 'score_sheet.started', {}, async (trx) => {
    await trx
      .insertInto('score_sheet')
      .values({ cycle_id: lead.cycle_id, member_id: lead.id, state: 'not_started', updated_at: '0' })
      .execute();
  });
  await caseFile.close();
}

/**
 * A closed case file holding one piece of evidence with a recording of `bytes` bytes attached
 * (written to `recordingPath` first), so that rewriting the whole file takes long enough to kill.
 */
export async function createCaseWithRecording(
  path: string,
  recordingPath: string,
  bytes: number,
): Promise<void> {
  const caseFile = await createTestCase(path);
  const scope = leadScope(caseFile);
  const evidence = await addEvidence(
    scope,
    evidenceFields({
      title: 'Carers’ forum recording',
      kind: 'interview',
      criteria: ['S2.1'],
      consent: 'given',
    }),
  );
  writeFileSync(recordingPath, Buffer.alloc(bytes, 0x5a));
  await attachFile(scope, evidence.id, recordingPath, { fileName: basename(recordingPath) });
  await caseFile.close();
}

/**
 * Whether a rollback journal that SQLite must play back is beside the file. With synchronous=FULL
 * a journal's magic number stays zero until its contents are synced and the database is about to
 * be written; a journal still zeroed is not hot and SQLite ignores it (and reuses it next write).
 */
export function journalIsHot(path: string): boolean {
  const journal = `${path}-journal`;
  if (!existsSync(journal)) return false;
  try {
    const magic = readFileStart(journal, 8);
    return magic.length === 8 && !magic.equals(Buffer.alloc(8));
  } catch {
    return false; // deleted between the two looks
  }
}

/** The first `bytes` bytes of a file (fewer if it is shorter). */
export function readFileStart(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    return buffer.subarray(0, readSync(fd, buffer, 0, bytes, 0));
  } finally {
    closeSync(fd);
  }
}

export function sha256OfFile(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** A raw, keyed connection — what an attacker who knows the passphrase could do, bypassing the app. */
export function openRaw(
  path: string,
  passphrase = PASSPHRASE,
  options: { create?: boolean } = {},
): SqliteDatabase {
  const db = openSqlite(path, { fileMustExist: !options.create });
  unlockWithPassphrase(db, passphrase);
  return db;
}

/**
 * An independent SQLCipher 4 reader written from the published format (not SQLite3 Multiple
 * Ciphers): checks every page's HMAC, decrypts it, and writes an ordinary SQLite file. If this
 * works, any SQLCipher 4 implementation can read the case file with its passphrase.
 */
export async function decryptSqlcipher4(
  path: string,
  passphrase: string,
  plaintextPath: string,
): Promise<void> {
  const file = readFileSync(path);
  const salt = file.subarray(0, SQLCIPHER4.saltBytes);
  const { encryptionKey, hmacKey } = await deriveSqlcipher4Keys(passphrase, salt);
  const out = Buffer.alloc(file.length);
  for (let pageNumber = 1; pageNumber * SQLCIPHER4.pageSize <= file.length; pageNumber += 1) {
    const page = file.subarray((pageNumber - 1) * SQLCIPHER4.pageSize, pageNumber * SQLCIPHER4.pageSize);
    if (!pageHmacMatches(page, pageNumber, hmacKey)) throw new Error(`page ${pageNumber} fails its HMAC`);
    const { dataStart, ivStart, hmacStart } = pageLayout(pageNumber);
    const decipher = createDecipheriv(
      'aes-256-cbc',
      encryptionKey,
      page.subarray(ivStart, hmacStart),
    ).setAutoPadding(false);
    const plain = Buffer.concat([decipher.update(page.subarray(dataStart, ivStart)), decipher.final()]);
    const target = out.subarray((pageNumber - 1) * SQLCIPHER4.pageSize);
    if (pageNumber === 1) Buffer.from('SQLite format 3\0', 'latin1').copy(target, 0);
    plain.copy(target, dataStart);
  }
  writeFileSync(plaintextPath, out);
}

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export function childScript(name: string): string {
  return join(REPO_ROOT, 'tests/integration/casefile/children', name);
}

/** Runs a TypeScript child process to completion. */
export function runChild(
  name: string,
  args: string[],
  options: { timeoutMs?: number; nodeFlags?: string[] } = {},
): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    const nodeArgs = [...(options.nodeFlags ?? []), '--import', 'tsx', childScript(name), ...args];
    const child = spawn(process.execPath, nodeArgs, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 50_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}

/** The JSON object a child printed on its last line. */
export function lastJsonLine<T>(result: ChildResult): T {
  const lines = result.stdout.trim().split('\n');
  const last = lines[lines.length - 1];
  if (!last) throw new Error(`The child printed nothing. stderr: ${result.stderr}`);
  return JSON.parse(last) as T;
}

export async function expectUserError(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    if (typeof code !== 'string' || typeof message !== 'string') throw error;
    return { code, message };
  }
  throw new Error('Expected a user-facing error, but the operation succeeded.');
}
