/**
 * Child process for the memory test: streams a 100 MiB attachment into a new case file and back
 * out, sampling its resident memory throughout, and prints one JSON line with what it saw.
 *   node --expose-gc --import tsx attachment-memory.ts <folder>
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import {
  attachToEvidence,
  createCaseFile,
  exportAttachment,
  MAX_ATTACHMENT_BYTES,
} from '../../../../src/main/casefile';
import { addEvidence } from '../../../../src/main/evidence';
import { APP_VERSION, evidenceFields, leadScope } from '../support';

const [folder] = process.argv.slice(2);
const source = join(folder!, 'recording.bin');
const exported = join(folder!, 'recording.exported.bin');
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

async function writeRandomFile(path: string, bytes: number): Promise<string> {
  const hash = createHash('sha256');
  const output = createWriteStream(path);
  for (let written = 0; written < bytes; written += 1024 * 1024) {
    const piece = randomBytes(Math.min(1024 * 1024, bytes - written));
    hash.update(piece);
    if (!output.write(piece)) await once(output, 'drain');
  }
  output.end();
  await once(output, 'finish');
  return hash.digest('hex');
}

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const piece of createReadStream(path)) hash.update(piece as Buffer);
  return hash.digest('hex');
}

const sourceSha = await writeRandomFile(source, MAX_ATTACHMENT_BYTES);
const caseFile = await createCaseFile({
  path: join(folder!, 'memory.copanel'),
  organisationName: 'Hillside Recovery Service',
  passphrase: 'lantern-meadow-quartz-harbor-violin',
  lead: { name: 'Sam Okafor' },
  standard: { id: 'coproduction-standard', version: 1, sha256: 'ab'.repeat(32) },
  appVersion: APP_VERSION,
});
const evidence = await addEvidence(
  leadScope(caseFile),
  evidenceFields({
    title: 'Recording of the carers’ forum',
    kind: 'interview',
    consent: 'given',
  }),
);

// Warm up every code path with a small attachment, so the baseline includes the code, not the data.
const warmUp = join(folder!, 'warm-up.bin');
writeFileSync(warmUp, randomBytes(3 * 1024 * 1024));
const small = await attachToEvidence(caseFile, 'lead', evidence.id, warmUp);
await exportAttachment(caseFile, small.id, join(folder!, 'warm-up.exported.bin'));
gc();
const baselineRss = process.memoryUsage().rss;
let peakRss = baselineRss;
const sample = (): void => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};
const sampler = setInterval(sample, 20);

const progressIn: [number, number | undefined][] = [];
let started = Date.now();
const attached = await attachToEvidence(caseFile, 'lead', evidence.id, source, {
  onProgress: (done, total) => {
    progressIn.push([done, total]);
    sample();
  },
});
const attachMs = Date.now() - started;
let progressOutCalls = 0;
let lastOut: [number, number] = [0, 0];
started = Date.now();
const result = await exportAttachment(caseFile, attached.id, exported, {
  onProgress: (done, total) => {
    progressOutCalls += 1;
    lastOut = [done, total ?? -1];
    sample();
  },
});
const exportMs = Date.now() - started;
clearInterval(sampler);
sample();
await caseFile.close();

console.log(
  JSON.stringify({
    size: attached.size,
    sourceSha,
    attachedSha: attached.sha256,
    exportedSha: result.sha256,
    exportedFileSha: await sha256Of(exported),
    baselineRss,
    peakRss,
    growth: peakRss - baselineRss,
    progressIn: { calls: progressIn.length, first: progressIn[0], last: progressIn.at(-1) },
    progressOut: { calls: progressOutCalls, last: lastOut },
    attachMs,
    exportMs,
  }),
);
