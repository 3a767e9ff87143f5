/**
 * Child process for bench 5 (memory): opens a case file, streams a 100 MiB file into it and back
 * out, sampling its resident memory every 10 ms and at every chunk, and prints one JSON line
 * (AttachmentMemoryResult). Run by bench/suites/scale.ts, with the case file's raw key in
 * COPANEL_BENCH_KEY (never on the command line), as one of
 *   node --expose-gc --import tsx bench/children/attachment-memory.ts attachment <case file> <evidence id> <source> <export to>
 *     an evidence attachment, with the case file library's own streaming (attachToEvidence, exportAttachment);
 *   node --expose-gc --import tsx bench/children/attachment-memory.ts receipt <case file> <lead member id> <source> <export to>
 *     a receipt for an expense, through the dispatcher as the desktop app and CLI send it: the lead
 *     records a claim naming it (fees.recordClaim), sends it by path (fees.attachReceipt) and saves
 *     it back (fees.exportReceipt).
 */
import { createHash } from 'node:crypto';
import { createReadStream, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { invoke } from '../../src/main/api';
import { attachToEvidence, exportAttachment } from '../../src/main/casefile';
import { openThroughApp } from '../lib/app-case';
import { openCaseFile } from '../lib/workspace';

export interface AttachmentMemoryResult {
  /** Resident memory after opening the case and before the import (bytes). */
  baselineRss: number;
  /** Highest resident memory sampled during the import and the export (bytes). */
  peakRss: number;
  /** The kernel's high-water mark for the whole process life (getrusage maxRSS, bytes). */
  maxRss: number;
  size: number;
  attachMs: number;
  exportMs: number;
  /** The exported file is byte for byte the source. */
  roundTripOk: boolean;
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const piece of createReadStream(path)) hash.update(piece as Buffer);
  return hash.digest('hex');
}

const [mode, casePath, owner, source, exportTo] = process.argv.slice(2);
const rawKey = process.env.COPANEL_BENCH_KEY;
if ((mode !== 'attachment' && mode !== 'receipt') || !casePath || !owner || !source || !exportTo || !rawKey)
  throw new Error(
    'usage: attachment-memory.ts attachment|receipt <case file> <evidence id | lead member id> <source> <export to>, key in COPANEL_BENCH_KEY',
  );
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

/** Samples resident memory from `start()` on; `peak()` is the highest seen. */
function memorySampler() {
  let baselineRss = 0;
  let peakRss = 0;
  let timer: NodeJS.Timeout | undefined;
  const sample = (): void => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  };
  return {
    sample,
    start: () => {
      gc();
      baselineRss = process.memoryUsage().rss;
      peakRss = baselineRss;
      timer = setInterval(sample, 10);
    },
    stop: () => {
      clearInterval(timer);
      sample();
      return { baselineRss, peakRss };
    },
  };
}

interface RoundTrip {
  size: number;
  sha256: string;
  exportedSha256: string;
  attachMs: number;
  exportMs: number;
}

async function attachmentRoundTrip(memory: ReturnType<typeof memorySampler>): Promise<RoundTrip> {
  const caseFile = await openCaseFile({ path: casePath!, passphrase: rawKey! });
  try {
    memory.start();
    let started = performance.now();
    const attached = await attachToEvidence(caseFile, 'bench', owner!, source!, {
      fileName: 'carers-forum-recording.m4a',
      onProgress: memory.sample,
    });
    const attachMs = performance.now() - started;
    started = performance.now();
    const exported = await exportAttachment(caseFile, attached.id, exportTo!, { onProgress: memory.sample });
    const exportMs = performance.now() - started;
    return {
      size: attached.size,
      sha256: attached.sha256,
      exportedSha256: exported.sha256,
      attachMs,
      exportMs,
    };
  } finally {
    await caseFile.close();
  }
}

async function receiptRoundTrip(memory: ReturnType<typeof memorySampler>): Promise<RoundTrip> {
  const size = statSync(source!).size;
  const { ctx, caseFile } = await openThroughApp(
    casePath!,
    rawKey!,
    { memberId: owner!, name: 'bench lead', role: 'lead' },
    join(tmpdir(), `copanel-bench-receipt-${process.pid}`),
  );
  const caseId = caseFile.caseId;
  try {
    const claimed = await invoke(
      'fees.recordClaim',
      {
        caseId,
        claim: {
          workedOn: '2026-01-05',
          time: [],
          milesTenths: 0,
          mileageDescription: '',
          notes: '',
          expenses: [
            {
              description: 'Hotel in Portmere',
              amountPence: 8_000,
              receipt: { fileName: 'hotel-receipt-scan.pdf', mediaType: 'application/pdf', sizeBytes: size },
            },
          ],
        },
      },
      ctx,
    );
    const expenseId = claimed.expenses[0]!.id;
    memory.start();
    let started = performance.now();
    const arrived = await invoke('fees.attachReceipt', { caseId, expenseId, path: source! }, ctx);
    const attachMs = performance.now() - started;
    started = performance.now();
    await invoke('fees.exportReceipt', { caseId, expenseId, path: exportTo! }, ctx);
    const exportMs = performance.now() - started;
    const kept = arrived.expenses[0]!;
    return {
      size: kept.receiptSizeBytes,
      sha256: kept.receiptSha256 ?? '',
      exportedSha256: await sha256Of(exportTo!),
      attachMs,
      exportMs,
    };
  } finally {
    await ctx.cases.closeAll();
  }
}

const memory = memorySampler();
const trip = mode === 'receipt' ? await receiptRoundTrip(memory) : await attachmentRoundTrip(memory);
const { baselineRss, peakRss } = memory.stop();

const result: AttachmentMemoryResult = {
  baselineRss,
  peakRss,
  maxRss: process.resourceUsage().maxRSS * 1024,
  size: trip.size,
  attachMs: trip.attachMs,
  exportMs: trip.exportMs,
  roundTripOk:
    trip.exportedSha256 === trip.sha256 &&
    (await sha256Of(exportTo)) === trip.sha256 &&
    (await sha256Of(source)) === trip.sha256,
};
console.log(JSON.stringify(result));
