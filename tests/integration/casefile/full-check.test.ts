import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { damagePage } from '../../support/damage';
import {
  type CaseFile,
  checkCaseFileFully,
  type DamageFound,
  FULL_CHECK_AT_OPEN_MAX_BYTES,
  type FullCheckProgress,
  readAuditLog,
  saveWhatCanBeRead,
  startFullCheck,
} from '../../../src/main/casefile';
import { addEvidence, attachFile, listEvidence, saveAttachmentCopy } from '../../../src/main/evidence';
import {
  bypassingTheApp,
  createTestCase,
  evidenceFields,
  expectUserError,
  leadScope,
  makeTempDir,
  openCaseFile,
  PASSPHRASE,
  REPO_ROOT,
} from './support';

/**
 * Above 64 MiB, opening checks every table but the attachment chunks, so damage there only shows
 * later. The full check finds it (in the background, with progress, cancellable), names what is
 * damaged in plain words, and "save what can be read" rescues everything else into a new file.
 */
const temp = makeTempDir('copanel-full-check-', { preferMemory: 400 * 1024 * 1024 });
afterAll(() => temp.cleanup());

const MiB = 1024 * 1024;
const large = join(temp.dir, 'large.copanel');
const attachments = [
  { title: 'Annual report 2025', fileName: 'annual-report.pdf', bytes: 30 * MiB, fill: 0x31 },
  { title: 'Recording of the carers’ forum', fileName: 'carers-forum.mp3', bytes: 8 * MiB, fill: 0x32 },
  { title: 'Video of the site visit', fileName: 'site-visit.mp4', bytes: 30 * MiB, fill: 0x33 },
];
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const contentOf = (index: number) => Buffer.alloc(attachments[index]!.bytes, attachments[index]!.fill);

function copanel(args: string[]) {
  const result = spawnSync(process.execPath, [join(REPO_ROOT, 'bin', 'copanel.mjs'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, COPANEL_PASSPHRASE: PASSPHRASE, COPANEL_USER_DATA: join(temp.dir, 'user-data') },
    timeout: 120_000,
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

async function pageCount(caseFile: CaseFile): Promise<number> {
  const result = await sql<{ page_count: number }>`pragma page_count`.execute(bypassingTheApp(caseFile));
  return result.rows[0]!.page_count;
}

describe('a large case file with a damaged attachment page', () => {
  let damagedPage = 0;

  beforeAll(async () => {
    const caseFile = await createTestCase(large);
    const scope = leadScope(caseFile);
    for (let index = 0; index < 40; index += 1)
      await addEvidence(scope, evidenceFields({ title: `Interview ${index + 1}`, kind: 'interview' }));
    for (const [index, attachment] of attachments.entries()) {
      const evidence = await addEvidence(
        scope,
        evidenceFields({ title: attachment.title, kind: 'document' }),
      );
      const source = join(temp.dir, attachment.fileName);
      writeFileSync(source, contentOf(index));
      const before = await pageCount(caseFile);
      await attachFile(scope, evidence.id, source, { fileName: attachment.fileName });
      // The second attachment's chunks fill the pages added while it was stored.
      if (index === 1) damagedPage = Math.floor((before + (await pageCount(caseFile))) / 2);
    }
    await caseFile.close();
    expect(statSync(large).size).toBeGreaterThan(FULL_CHECK_AT_OPEN_MAX_BYTES);
    damagePage(large, damagedPage);
  }, 120_000);

  it('still opens for editing: opening leaves the attachment pages to the full check', async () => {
    const caseFile = await openCaseFile({ path: large, passphrase: PASSPHRASE });
    expect(await listEvidence(leadScope(caseFile))).toHaveLength(43);
    await caseFile.close();
  });

  it('the full check finds the damage and names the attachment, reporting progress as it goes', async () => {
    const progress: FullCheckProgress[] = [];
    const told: { kind: string; name: string; afterSteps: number }[] = [];
    const report = await checkCaseFileFully(large, PASSPHRASE, {
      onProgress: (step) => progress.push(step),
      onDamage: (damage) => told.push({ kind: damage.kind, name: damage.name, afterSteps: progress.length }),
    });
    // The user is told at once: when the page check ends, and again when the attachment is named.
    expect(told.map((item) => [item.kind, item.name])).toEqual([
      ['pages', `pages ${damagedPage}`],
      ['attachment', 'carers-forum.mp3'],
    ]);
    expect(told[0]!.afterSteps).toBe(progress.filter((step) => step.stage === 'pages').length);
    expect(report.ok).toBe(false);
    expect(report.cancelled).toBe(false);
    expect(report.damagedPages).toEqual([damagedPage]);
    expect(report.damage).toEqual([
      expect.objectContaining({
        kind: 'attachment',
        name: 'carers-forum.mp3',
        detail: expect.stringMatching(/Recording of the carers’ forum/),
      }),
    ]);
    expect(report.summary).toMatch(/carers-forum\.mp3/);
    expect(report.summary).not.toMatch(/annual-report|site-visit/);

    const stages = [...new Set(progress.map((step) => step.stage))];
    expect(stages).toEqual(['pages', 'tables', 'attachments']);
    for (const stage of stages) {
      const steps = progress.filter((step) => step.stage === stage);
      expect(steps.map((step) => step.done)).toEqual(
        [...steps.map((step) => step.done)].sort((a, b) => a - b),
      );
      expect(steps.at(-1)!.done).toBe(steps.at(-1)!.total);
    }
    expect(progress.filter((step) => step.stage === 'pages').length).toBeGreaterThan(5);
  });

  it('can be cancelled part-way, and a check running for an open case stops when the case closes', async () => {
    const controller = new AbortController();
    const cancelled = await checkCaseFileFully(large, PASSPHRASE, {
      signal: controller.signal,
      onProgress: (step) => {
        if (step.stage === 'pages' && step.done > 0) controller.abort();
      },
    });
    expect(cancelled).toMatchObject({ cancelled: true, ok: false });

    const caseFile = await openCaseFile({ path: large, passphrase: PASSPHRASE });
    const seen: FullCheckProgress[] = [];
    const job = startFullCheck(caseFile, PASSPHRASE, { onProgress: (step) => seen.push(step) });
    await new Promise<void>((resolve) => {
      const wait = () => (seen.length > 0 ? resolve() : setTimeout(wait, 5));
      wait();
    });
    await caseFile.close();
    const result = await job.done;
    expect(result.cancelled).toBe(true);
  });

  it('`copanel case check` runs the full check: exit 1, naming the damaged attachment', () => {
    const result = copanel(['case', 'check', large]);
    expect(result.code, result.err).toBe(1);
    expect(result.out + result.err).toMatch(/carers-forum\.mp3/);
    expect(result.out + result.err).toMatch(/Recording of the carers’ forum/);
    expect(result.out + result.err).not.toMatch(/SQLITE|Error:|at \//);
  });

  it('saves what can be read to a new file: every readable row and attachment, and says what was lost', async () => {
    const rescued = join(temp.dir, 'large-rescued.copanel');
    const report = await saveWhatCanBeRead(large, PASSPHRASE, rescued);
    expect(report.path).toBe(rescued);
    expect(report.filesLost).toEqual([
      {
        fileName: 'carers-forum.mp3',
        noun: 'attachment',
        leftOut: 'the attached file “carers-forum.mp3” (evidence “Recording of the carers’ forum”)',
        whatStays: null,
      },
    ]);
    expect(report.summary).toMatch(/carers-forum\.mp3/);

    const caseFile = await openCaseFile({ path: rescued, passphrase: PASSPHRASE });
    try {
      // The rescue is the last thing recorded (saving the copies below adds entries of their own).
      expect((await readAuditLog(caseFile.db, { limit: 1000 })).at(-1)?.action).toBe(
        'case.readable_parts_saved',
      );
      const evidence = await listEvidence(leadScope(caseFile));
      expect(evidence).toHaveLength(43);
      const withFiles = evidence.filter((item) => item.attachments.length > 0);
      expect(withFiles.map((item) => item.title).sort()).toEqual([
        'Annual report 2025',
        'Video of the site visit',
      ]);
      for (const item of withFiles) {
        const index = attachments.findIndex((attachment) => attachment.title === item.title);
        const out = join(temp.dir, `rescued-${index}.bin`);
        await saveAttachmentCopy(leadScope(caseFile), item.attachments[0]!.id, out);
        expect(sha256(contentOf(index))).toBe(
          createHash('sha256')
            .update(await import('node:fs').then((fs) => fs.readFileSync(out)))
            .digest('hex'),
        );
      }
      expect((await caseFile.checkIntegrity(PASSPHRASE)).ok).toBe(true);
      expect(await caseFile.verifyAuditChain()).toMatchObject({ ok: true });
    } finally {
      await caseFile.close();
    }
    const full = await checkCaseFileFully(rescued, PASSPHRASE);
    expect(full).toMatchObject({ ok: true, damage: [] });
  });
});

describe('a small case file with a damaged table', () => {
  const small = join(temp.dir, 'small.copanel');
  let leafPage = 0;

  beforeAll(async () => {
    const caseFile = await createTestCase(small);
    const scope = leadScope(caseFile);
    for (let index = 0; index < 300; index += 1)
      await addEvidence(
        scope,
        evidenceFields({
          title: `Interview ${String(index + 1).padStart(3, '0')}`,
          kind: 'interview',
          notes: `What person ${index + 1} told the panel. `.repeat(8),
        }),
      );
    const leaves = await sql<{
      pageno: number;
    }>`select pageno from dbstat where name = 'evidence_item' and pagetype = 'leaf' order by pageno`.execute(
      bypassingTheApp(caseFile),
    );
    leafPage = leaves.rows[Math.floor(leaves.rows.length / 2)]!.pageno;
    await caseFile.close();
    damagePage(small, leafPage);
  }, 120_000);

  it('opening refuses it; `copanel case check` names the damaged table in plain words; an intact file passes', async () => {
    expect((await expectUserError(openCaseFile({ path: small, passphrase: PASSPHRASE }))).code).toBe(
      'CASE_FILE_DAMAGED',
    );
    const damaged = copanel(['case', 'check', small]);
    expect(damaged.code, damaged.err).toBe(1);
    expect(damaged.out + damaged.err).toMatch(/evidence register/);
    expect(damaged.out + damaged.err).toMatch(/save-readable-to/);

    const intact = join(temp.dir, 'intact.copanel');
    await (await createTestCase(intact)).close();
    const ok = copanel(['case', 'check', intact]);
    expect(ok.code, ok.err).toBe(0);
    expect(ok.out).toMatch(/intact/);
  });

  it('the full check tells at once, as it goes: the damaged page first, then the table it belongs to', async () => {
    const told: DamageFound[] = [];
    const stagesWhenTold: string[] = [];
    let stage = '';
    const report = await checkCaseFileFully(small, PASSPHRASE, {
      onProgress: (step) => (stage = step.stage),
      onDamage: (damage) => {
        told.push(damage);
        stagesWhenTold.push(stage);
      },
    });
    expect(told.map((item) => [item.kind, item.name])).toEqual([
      ['pages', `pages ${leafPage}`],
      ['table', 'the evidence register'],
    ]);
    // Told when the page check ends, and again while the tables are checked, not only at the end.
    expect(stagesWhenTold).toEqual(['pages', 'tables']);
    expect(told[1]!.detail).toMatch(/evidence register \(table evidence_item\)/);
    expect(report.damage).toEqual([told[1]]);
  });

  it('saving what can be read keeps every evidence item outside the damaged page', async () => {
    const rescued = join(temp.dir, 'small-rescued.copanel');
    const cli = copanel(['case', 'check', small, '--save-readable-to', rescued]);
    expect(cli.code, cli.err).toBe(1);
    expect(existsSync(rescued)).toBe(true);
    expect(cli.out).toMatch(/small-rescued\.copanel/);
    const caseFile = await openCaseFile({ path: rescued, passphrase: PASSPHRASE });
    try {
      const titles = (await listEvidence(leadScope(caseFile))).map((item) => item.title);
      expect(titles.length).toBeGreaterThan(280);
      expect(titles.length).toBeLessThan(300);
      expect(titles).toContain('Interview 001');
      expect(titles).toContain('Interview 300');
      expect((await caseFile.checkIntegrity(PASSPHRASE)).ok).toBe(true);
    } finally {
      await caseFile.close();
    }
  });
});
