/**
 * Child process for bench 5 (memory): opens the large case file, streams a 100 MiB attachment
 * into it and back out, sampling its resident memory every 10 ms and at every chunk, and prints
 * one JSON line (AttachmentMemoryResult). Run by bench/suites/scale.ts as
 *   node --expose-gc --import tsx bench/children/attachment-memory.ts <case file> <evidence id> <source> <export to>
 * with the case file's raw key in COPANEL_BENCH_KEY (never on the command line).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { attachToEvidence, exportAttachment } from '../../src/main/casefile';
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

const [casePath, evidenceId, source, exportTo] = process.argv.slice(2);
const rawKey = process.env.COPANEL_BENCH_KEY;
if (!casePath || !evidenceId || !source || !exportTo || !rawKey)
  throw new Error(
    'usage: attachment-memory.ts <case file> <evidence id> <source> <export to>, key in COPANEL_BENCH_KEY',
  );
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

const caseFile = await openCaseFile({ path: casePath, passphrase: rawKey });
gc();
const baselineRss = process.memoryUsage().rss;
let peakRss = baselineRss;
const sample = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const sampler = setInterval(sample, 10);

let started = performance.now();
const attached = await attachToEvidence(caseFile, 'bench', evidenceId, source, {
  fileName: 'carers-forum-recording.m4a',
  onProgress: sample,
});
const attachMs = performance.now() - started;
started = performance.now();
const exported = await exportAttachment(caseFile, attached.id, exportTo, { onProgress: sample });
const exportMs = performance.now() - started;
clearInterval(sampler);
sample();
await caseFile.close();

const result: AttachmentMemoryResult = {
  baselineRss,
  peakRss,
  maxRss: process.resourceUsage().maxRSS * 1024,
  size: attached.size,
  attachMs,
  exportMs,
  roundTripOk:
    exported.sha256 === attached.sha256 &&
    (await sha256Of(exportTo)) === attached.sha256 &&
    (await sha256Of(source)) === attached.sha256,
};
console.log(JSON.stringify(result));
