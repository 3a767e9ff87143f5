import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockPathFor } from '../../../src/main/casefile';
import { addEvidence } from '../../../src/main/evidence';
import {
  childScript,
  createTestCase,
  expectUserError,
  lastJsonLine,
  makeTempDir,
  PASSPHRASE,
  REPO_ROOT,
  runChild,
  sha256OfFile,
  evidenceFields,
  leadScope,
  openCaseFile,
} from './support';

const temp = makeTempDir('copanel-lock-');
const path = join(temp.dir, 'locked.copanel');
afterAll(() => temp.cleanup());

interface OpenResult {
  ok: boolean;
  code?: string;
  message?: string;
  pid?: number;
}

/** Starts a child that opens the case file for writing and holds it until told to close. */
async function holdOpenInChild(): Promise<{
  pid: number;
  close: () => Promise<void>;
  kill: () => Promise<void>;
}> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', childScript('open-case-file.ts'), path, PASSPHRASE, '--hold'],
    {
      cwd: REPO_ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const first = await new Promise<OpenResult>((resolve, reject) => {
    child.stdout.once('data', (data: Buffer) =>
      resolve(JSON.parse(data.toString().trim().split('\n')[0]!) as OpenResult),
    );
    child.once('error', reject);
  });
  expect(first).toMatchObject({ ok: true });
  return {
    pid: child.pid!,
    close: async () => {
      child.stdin.write('close\n');
      await exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

async function openInChild(...flags: string[]): Promise<OpenResult> {
  return lastJsonLine<OpenResult>(await runChild('open-case-file.ts', [path, PASSPHRASE, ...flags]));
}

describe('one writer at a time', () => {
  beforeAll(async () => {
    const caseFile = await createTestCase(path);
    await addEvidence(leadScope(caseFile), evidenceFields({ title: 'Annual report', kind: 'document' }));
    await caseFile.close();
  });

  it('a second process trying to open the file for writing gets CASE_FILE_LOCKED, and the file is untouched', async () => {
    const caseFile = await openCaseFile({ path, passphrase: PASSPHRASE });
    const before = sha256OfFile(path);
    const second = await openInChild();
    expect(second.ok).toBe(false);
    expect(second.code).toBe('CASE_FILE_LOCKED');
    expect(second.message).toMatch(/is open on this computer in another window or program \(process \d+/);
    expect(sha256OfFile(path)).toBe(before);
    // Looking without changing is still allowed.
    expect(await openInChild('--read-only')).toMatchObject({ ok: true });
    // The same process cannot open it twice either.
    expect((await expectUserError(openCaseFile({ path, passphrase: PASSPHRASE }))).message).toMatch(
      /already open in Coproduction Panel/,
    );
    await caseFile.close();
    expect(existsSync(lockPathFor(path))).toBe(false);
    expect(await openInChild()).toMatchObject({ ok: true });
  });

  it('this process is refused while another process holds the file, and may open it once that one closes', async () => {
    const holder = await holdOpenInChild();
    const refused = await expectUserError(openCaseFile({ path, passphrase: PASSPHRASE }));
    expect(refused.code).toBe('CASE_FILE_LOCKED');
    expect(refused.message).toContain(`process ${holder.pid}`);
    const viewer = await openCaseFile({ path, passphrase: PASSPHRASE, readOnly: true });
    await viewer.close();
    await holder.close();
    const caseFile = await openCaseFile({ path, passphrase: PASSPHRASE });
    await caseFile.close();
  });

  it('a lock left by a process that was killed is recognised as stale and taken over', async () => {
    const holder = await holdOpenInChild();
    await holder.kill();
    expect(JSON.parse(readFileSync(lockPathFor(path), 'utf8'))).toMatchObject({ pid: holder.pid });
    const caseFile = await openCaseFile({ path, passphrase: PASSPHRASE });
    expect(await caseFile.verifyAuditChain()).toMatchObject({ ok: true });
    await caseFile.close();
  });

  it('a lock held on another computer names that computer, and can be taken over when the user says so', async () => {
    writeFileSync(
      lockPathFor(path),
      JSON.stringify({
        app: 'Coproduction Panel',
        token: 'elsewhere',
        pid: 4242,
        hostname: 'panel-laptop-2',
        openedAt: '2025-11-20T09:30:00.000Z',
      }),
    );
    const refused = await expectUserError(openCaseFile({ path, passphrase: PASSPHRASE }));
    expect(refused.code).toBe('CASE_FILE_LOCKED');
    expect(refused.message).toMatch(/open on another computer, “panel-laptop-2” since 2025-11-20 09:30 UTC/);
    const caseFile = await openCaseFile({ path, passphrase: PASSPHRASE, takeOverLock: true });
    expect(JSON.parse(readFileSync(lockPathFor(path), 'utf8'))).toMatchObject({ pid: process.pid });
    await caseFile.close();
    expect(existsSync(lockPathFor(path))).toBe(false);
  });

  it('when several processes race to open the file, exactly one gets it', async () => {
    const results = await Promise.all([1, 2, 3].map(() => openInChild('--hold-ms=2500')));
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    expect(results.filter((result) => result.code === 'CASE_FILE_LOCKED')).toHaveLength(2);
  });
});
