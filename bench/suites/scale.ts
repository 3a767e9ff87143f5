import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { copyFileSync, createWriteStream, statSync } from 'node:fs';
import {
  attachToEvidence,
  MAX_ATTACHMENT_BYTES,
  openSqlite,
  unlockWithPassphrase,
  type CaseFile,
} from '../../src/main/casefile';
import { invoke } from '../../src/main/api';
import { saveScore } from '../../src/main/panel';
import type { EvidenceItem, EvidenceKind } from '../../src/shared/api';
import { allCriteria } from '../../src/shared/standard';
import type { AttachmentMemoryResult } from '../children/attachment-memory';
import { openThroughApp } from '../lib/app-case';
import type { BenchContext, Suite } from '../lib/context';
import { compare, interleave, now, repeat, timed } from '../lib/measure';
import { plannedScore, rationale, scopeOf, type PanelTemplate } from '../lib/panel-fixture';
import { formatValue, line, measured, single } from '../lib/report';
import { progress, progressCounter, REPO_ROOT, openCaseFile } from '../lib/workspace';

/**
 * 5. Scale: a case file with 5,000 evidence items and 10 × 100 MiB attachments (1.05 GB), built
 * from the panel template with the app's own attachment streaming. Each operation is timed after
 * key derivation (opened with the derived raw key) and compared with the same operation on the
 * small template case (40 evidence items, no attachments). Peak memory while importing and
 * exporting a 100 MiB attachment is measured in a child process.
 */

const EVIDENCE_ITEMS = 5000;
const ATTACHMENTS = 10;
const PAGE_SIZE = 50;
const SEARCH_TERM = 'carers';

const TOPICS = [
  'Support plan reviewed with names removed',
  'Notes of the carers’ forum',
  'Crisis café survey results',
  'Observation of a team meeting',
  'Interview with the peer support lead',
  'Staff language guidance',
  'Lived experience advisory group minutes',
  'Co-delivered training record',
  'Letter to carers about the new service',
  'Board paper on coproduction',
  'Complaints and compliments log',
  'Recovery college prospectus',
  'Easy read leaflet',
  'Interpreter booking records',
  'Peer worker job description',
  'Family and friends test results',
  'Dual diagnosis pathway',
  'Named worker policy',
  'Information sharing consent form',
  'Quality improvement project report',
];
const PLACES = [
  'Northgate hub',
  'Riverside ward',
  'Hillside community team',
  'the crisis café',
  'the recovery college',
  'Harbour House',
];
const KINDS: readonly EvidenceKind[] = ['document', 'interview', 'observation', 'survey', 'other'];

/** Whether an evidence item holds the search term anywhere the register searches. */
function holds(item: EvidenceItem, term: string): boolean {
  return [item.title, item.source, item.notes, item.quote].some((text) => text.toLowerCase().includes(term));
}

async function writeRandomFile(path: string, bytes: number): Promise<void> {
  const output = createWriteStream(path);
  for (let written = 0; written < bytes; written += 1024 * 1024) {
    if (!output.write(randomBytes(Math.min(1024 * 1024, bytes - written)))) await once(output, 'drain');
  }
  output.end();
  await once(output, 'finish');
}

/** Adds evidence items in batches of 500 (one audited transaction per batch, one audit entry per item). */
async function addEvidenceInBulk(
  caseFile: CaseFile,
  template: PanelTemplate,
  count: number,
): Promise<string[]> {
  const criteria = allCriteria(template.plan.standard).map((criterion) => criterion.id);
  const ids: string[] = [];
  const base = Date.parse('2024-01-08T09:00:00Z');
  const actor = template.plan.lead.label;
  for (let done = 0; done < count;) {
    const batch = Math.min(500, count - done);
    await caseFile.mutate(actor, 'bench.evidence_batch_added', { items: batch }, async (trx, alsoAudit) => {
      for (let index = done; index < done + batch; index += 1) {
        const id = randomUUID();
        const at = new Date(base + index * 60_000).toISOString();
        const quoted = index % 7 === 0;
        const title = `${TOPICS[index % TOPICS.length]} — ${PLACES[index % PLACES.length]} (${index + 1})`;
        await trx
          .insertInto('evidence_item')
          .values({
            id,
            title,
            kind: KINDS[index % KINDS.length]!,
            source: `Shared by ${PLACES[(index + 3) % PLACES.length]}`,
            evidence_date: at.slice(0, 10),
            consent_status: quoted ? 'given' : 'not_needed',
            quote: quoted
              ? 'They asked me what mattered to me, and then they actually did it. That had never happened before.'
              : null,
            summary:
              'Shows how people who use the service and their families shaped this part of the work, and what changed because of what they said.',
            created_at: at,
            updated_at: at,
          })
          .execute();
        const linked = [
          ...new Set([criteria[index % criteria.length]!, criteria[(index * 7 + 3) % criteria.length]!]),
        ];
        await trx
          .insertInto('evidence_criterion')
          .values(linked.map((criterion_id) => ({ evidence_id: id, criterion_id })))
          .execute();
        await alsoAudit('evidence.added', { id, title, criteria: linked });
        ids.push(id);
      }
    });
    done += batch;
    progressCounter(
      `evidence items: ${done + template.plan.evidenceIds.length} of ${EVIDENCE_ITEMS}`,
      done === count,
    );
  }
  return ids;
}

/**
 * Runs the memory child: `attachment` streams an evidence attachment in and out of `caseFile` (owner:
 * its evidence item), `receipt` a receipt through the dispatcher (owner: the lead's member id).
 */
function runMemoryChild(
  mode: 'attachment' | 'receipt',
  caseFile: string,
  rawKey: string,
  owner: string,
  source: string,
  exportTo: string,
): Promise<AttachmentMemoryResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--expose-gc',
        '--import',
        'tsx',
        'bench/children/attachment-memory.ts',
        mode,
        caseFile,
        owner,
        source,
        exportTo,
      ],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, COPANEL_BENCH_KEY: rawKey },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const last = stdout.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !last.startsWith('{'))
        return reject(new Error(`The memory child exited with ${code}:\n${stderr}${stdout}`));
      resolve(JSON.parse(last) as AttachmentMemoryResult);
    });
  });
}

async function buildLargeCase(template: PanelTemplate, path: string, source: string): Promise<string> {
  copyFileSync(template.encrypted, path);
  const caseFile = await openCaseFile({ path, passphrase: template.rawKey });
  try {
    const started = now();
    const added = await addEvidenceInBulk(
      caseFile,
      template,
      EVIDENCE_ITEMS - template.plan.evidenceIds.length,
    );
    progress(`${EVIDENCE_ITEMS} evidence items in ${((now() - started) / 1000).toFixed(1)} s`);
    for (let index = 0; index < ATTACHMENTS - 1; index += 1) {
      const ms = await timed(() =>
        attachToEvidence(caseFile, template.plan.lead.label, added[index * 97]!, source, {
          fileName: `recording-${index + 1}.m4a`,
        }),
      );
      progress(`attachment ${index + 1} of ${ATTACHMENTS} (100 MiB, streamed): ${(ms / 1000).toFixed(1)} s`);
    }
    return added[(ATTACHMENTS - 1) * 97]!;
  } finally {
    await caseFile.close();
  }
}

export const scaleSuite: Suite = {
  name: 'scale',
  title: '5. Scale: 5,000 evidence items and 1 GB of attachments',
  async run(context: BenchContext) {
    const template = await context.template();
    const { workspace } = context;
    const rawKey = template.rawKey;
    const source = workspace.path('recording.bin');
    await writeRandomFile(source, MAX_ATTACHMENT_BYTES);
    const largePath = workspace.path('scale-large.copanel');
    const smallPath = workspace.path('scale-small.copanel');
    copyFileSync(template.encrypted, smallPath);
    const lastEvidence = await buildLargeCase(template, largePath, source);

    progress(
      `attachment ${ATTACHMENTS} of ${ATTACHMENTS}, imported and exported in a child process that samples its memory`,
    );
    const memory = await runMemoryChild(
      'attachment',
      largePath,
      rawKey,
      lastEvidence,
      source,
      workspace.path('exported.bin'),
    );
    if (!memory.roundTripOk) throw new Error('The exported attachment differs from the one imported.');
    progress(
      'a 100 MiB receipt saved and downloaded through the dispatcher, in a child process that samples its memory',
    );
    const receiptCase = workspace.path('scale-receipt.copanel');
    copyFileSync(template.encrypted, receiptCase);
    const receipt = await runMemoryChild(
      'receipt',
      receiptCase,
      rawKey,
      template.plan.lead.memberId,
      source,
      workspace.path('exported-receipt.bin'),
    );
    if (!receipt.roundTripOk) throw new Error('The downloaded receipt differs from the one sent.');
    const largeBytes = statSync(largePath).size;
    progress(`the large case file is ${(largeBytes / 1e9).toFixed(2)} GB`);

    // Opening (after key derivation): the app's openCaseFile with the derived raw key.
    const openOnce = (path: string) => async () => {
      let caseFile: CaseFile | undefined;
      const ms = await timed(async () => {
        caseFile = await openCaseFile({ path, passphrase: rawKey });
      });
      await caseFile?.close();
      return ms;
    };
    const quickCheckOnce = async () => {
      const sqlite = openSqlite(largePath, { fileMustExist: true, readonly: true });
      try {
        unlockWithPassphrase(sqlite, rawKey);
        return await timed(() => sqlite.pragma('quick_check'));
      } finally {
        sqlite.close();
      }
    };
    // quick_check alone is timed in the same rounds, so that it can be compared with the open.
    const [openLarge, openSmall, quickCheck] = await interleave(
      [openOnce(largePath), openOnce(smallPath), quickCheckOnce],
      {
        warmups: 1,
        repetitions: 5,
        budgetMs: 45_000,
        maxRepetitions: 9,
        onRound: (round, total) =>
          progressCounter(
            `open large / open small / quick_check alone: round ${round} of ${total}`,
            round === total,
          ),
      },
    );
    const open = { ours: openLarge!, baseline: openSmall! };

    const lead = template.plan.lead;
    const largeApp = await openThroughApp(largePath, rawKey, lead, workspace.path('app-data-large'));
    const smallApp = await openThroughApp(smallPath, rawKey, lead, workspace.path('app-data-small'));
    const large = largeApp.caseFile;
    const small = smallApp.caseFile;
    try {
      const count = async (caseFile: CaseFile) =>
        Number(
          (
            await caseFile.db
              .selectFrom('evidence_item')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const attachmentBytes = Number(
        (
          await large.db
            .selectFrom('evidence_attachment')
            .select((eb) => eb.fn.sum<number>('size').as('bytes'))
            .executeTakeFirstOrThrow()
        ).bytes,
      );
      if ((await count(large)) !== EVIDENCE_ITEMS || attachmentBytes !== ATTACHMENTS * MAX_ATTACHMENT_BYTES) {
        throw new Error(
          `The large case has ${await count(large)} evidence items and ${attachmentBytes} bytes of attachments.`,
        );
      }

      type AppCase = typeof largeApp;
      const pageOf = (app: AppCase, request: { offset: number; query?: string }) =>
        invoke('evidence.page', { caseId: app.caseFile.caseId, limit: PAGE_SIZE, ...request }, app.ctx);
      const firstPage = (app: AppCase) => () => timed(() => pageOf(app, { offset: 0 }));
      const list = await compare(firstPage(largeApp), firstPage(smallApp), { warmups: 3, repetitions: 21 });
      const page = await pageOf(largeApp, { offset: 0 });
      if (page.items.length !== PAGE_SIZE || page.total !== EVIDENCE_ITEMS)
        throw new Error(`The first page has ${page.items.length} items of ${page.total}.`);
      const lastPage = await repeat(
        () => timed(() => pageOf(largeApp, { offset: EVIDENCE_ITEMS - PAGE_SIZE })),
        { warmups: 2, repetitions: 9 },
      );

      const searchFor = (app: AppCase) => () => timed(() => pageOf(app, { offset: 0, query: SEARCH_TERM }));
      const search = await compare(searchFor(largeApp), searchFor(smallApp), { warmups: 3, repetitions: 21 });
      const hits = await pageOf(largeApp, { offset: 0, query: SEARCH_TERM });
      if (hits.items.length === 0 || hits.items.some((hit) => !holds(hit, SEARCH_TERM)))
        throw new Error('The evidence search found the wrong items.');

      const fullList = await repeat(
        () => timed(() => invoke('evidence.list', { caseId: large.caseId }, largeApp.ctx)),
        { warmups: 1, repetitions: 3 },
      );

      const criteria = allCriteria(template.plan.standard);
      const pairs = template.plan.scorers.flatMap((actor) =>
        criteria.map((criterion) => ({ actor, criterionId: criterion.id })),
      );
      const random = (() => {
        let state = 7;
        return () => (state = (state * 48271) % 2147483647) / 2147483647;
      })();
      const addScore = (caseFile: CaseFile) => async (round: number) => {
        const { actor, criterionId } = pairs[(round * 37) % pairs.length]!;
        return timed(() =>
          saveScore(scopeOf(caseFile, template.plan, actor), {
            criterionId,
            score: plannedScore(random),
            rationale: rationale(actor, criterionId),
            evidenceIds: [template.plan.evidenceIds[round % template.plan.evidenceIds.length]!],
          }),
        );
      };
      const score = await compare(addScore(large), addScore(small), { warmups: 2, repetitions: 11 });

      const smallLabel = 'small case (40 items)';
      const notAtScale = (entry: { pass: boolean; ratio: number }) =>
        entry.pass
          ? undefined
          : entry.ratio < 1.5
            ? 'it is as slow on the small case, so it is not the scale'
            : undefined;
      return [
        line({
          id: '5a',
          operation: 'Scale: open, after key derivation',
          ours: measured(
            `openCaseFile with the raw key, ${(largeBytes / 1e9).toFixed(2)} GB case`,
            'ms',
            open.ours,
          ),
          baseline: measured(smallLabel, 'ms', open.baseline),
          target: { on: 'ours', atMost: 50, text: '≤ 50 ms' },
          note:
            `PRAGMA quick_check alone on the large file, timed in the same rounds: ${formatValue(quickCheck!.median, 'ms')}; ` +
            'the file is in the operating system’s cache after being built (a first open from a USB stick would add the time to read 1 GB)',
          limitedBy: (entry) =>
            entry.pass
              ? undefined
              : `openCaseFile runs PRAGMA quick_check, which reads — and so decrypts and HMAC-checks — every page, including all 1 GB of attachment chunks ` +
                `(quick_check alone: ${formatValue(quickCheck!.median, 'ms')}, against ${formatValue(entry.ours.median, 'ms')} for the whole open); the time grows with the file size, not with the evidence count. ` +
                'The fix belongs to the case file library (e.g. a check of the schema and tables without the attachment chunks at open, the full check in the background or on demand)',
        }),
        line({
          id: '5b',
          operation: 'Scale: list first page of evidence (50)',
          ours: measured('evidence.page through the dispatcher, 5,000 items', 'ms', list.ours),
          baseline: measured(smallLabel, 'ms', list.baseline),
          target: { on: 'ours', atMost: 50, text: '≤ 50 ms' },
          note: `the app's evidence.page (validation, session and permission check, ORDER BY created_at, id LIMIT 50 with the total, criteria and attachments); the last page (offset ${EVIDENCE_ITEMS - PAGE_SIZE}): ${formatValue(lastPage.median, 'ms')}; evidence.list, the whole register at once: ${formatValue(fullList.median, 'ms')}`,
          limitedBy: notAtScale,
        }),
        line({
          id: '5c',
          operation: `Scale: search the evidence ("${SEARCH_TERM}")`,
          ours: measured(
            'evidence.page with a search: escaped LIKE %…% over title, source, notes and quote of 5,000 items, first 50 hits and the total',
            'ms',
            search.ours,
          ),
          baseline: measured(smallLabel, 'ms', search.baseline),
          target: { on: 'ours', atMost: 50, text: '≤ 50 ms' },
          limitedBy: (entry) =>
            entry.pass
              ? undefined
              : 'LIKE with a leading wildcard reads the title, source, notes and quote of every item (no index can help); a full-text index (FTS5) would',
        }),
        line({
          id: '5d',
          operation: 'Scale: add one score',
          ours: measured('saveScore (audited transaction + own sheet read back)', 'ms', score.ours),
          baseline: measured(smallLabel, 'ms', score.baseline),
          target: { on: 'ours', atMost: 50, text: '≤ 50 ms' },
          limitedBy: (entry) =>
            notAtScale(entry) ??
            (entry.pass
              ? undefined
              : 'synchronous=FULL: the rollback journal and the file are flushed to disk at each commit'),
        }),
        line({
          id: '5e',
          operation: 'Scale: peak memory, import + export 100 MiB',
          ours: single(
            'peak RSS of the child (sampled every 10 ms and per chunk; getrusage maxRSS if higher)',
            'bytes',
            Math.max(memory.peakRss, memory.maxRss),
          ),
          baseline: single('RSS before import', 'bytes', memory.baselineRss),
          target: { on: 'ours', atMost: 300_000_000, text: '≤ 300 MB' },
          note: `import ${formatValue(memory.attachMs, 'ms')}, export ${formatValue(memory.exportMs, 'ms')}, round trip byte-identical; sampled peak ${formatValue(memory.peakRss, 'bytes')}, maxRSS ${formatValue(memory.maxRss, 'bytes')}; MB = 10^6 bytes`,
          limitedBy: (entry) =>
            entry.pass
              ? undefined
              : 'SQLite’s page cache and journal buffers, plus Node’s own heap; the attachment itself is streamed in 1 MiB chunks',
        }),
        line({
          id: '5f',
          operation: 'Scale: peak memory, save + download a 100 MiB receipt',
          ours: single(
            'peak RSS of the child while fees.attachReceipt keeps it and fees.exportReceipt saves it back (sampled every 10 ms)',
            'bytes',
            receipt.peakRss,
          ),
          baseline: single('RSS of the same child before sending it', 'bytes', receipt.baselineRss),
          target: { on: 'ratio', atMost: 1.5, text: '≤ 1.5× (a receipt held whole would add ≥ 100 MiB)' },
          note: `save ${formatValue(receipt.attachMs, 'ms')}, download ${formatValue(receipt.exportMs, 'ms')}, round trip byte-identical; peak − baseline ${formatValue(receipt.peakRss - receipt.baselineRss, 'bytes')} for a ${formatValue(receipt.size, 'bytes')} receipt (5e's attachment: ${formatValue(memory.peakRss - memory.baselineRss, 'bytes')}); maxRSS ${formatValue(receipt.maxRss, 'bytes')}; MB = 10^6 bytes`,
          limitedBy: (entry) =>
            entry.pass
              ? undefined
              : 'the receipt streams in and out in 1 MiB chunks (receipt_chunk); what is left is SQLite’s page cache and journal buffers and Node’s heap',
        }),
      ];
    } finally {
      await largeApp.ctx.cases.closeAll();
      await smallApp.ctx.cases.closeAll();
    }
  },
};
