import { existsSync, openSync, closeSync, ftruncateSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  attachToEvidence,
  type CaseFile,
  exportAttachment,
  MAX_ATTACHMENT_BYTES,
  readAuditLog,
  removeAttachment,
} from '../../../src/main/casefile';
import {
  addEvidence,
  editEvidence,
  getEvidence,
  listEvidence,
  quoteForReport,
  removeEvidence,
} from '../../../src/main/evidence';
import {
  createTestCase,
  evidenceFields,
  leadScope,
  expectUserError,
  lastJsonLine,
  makeTempDir,
  openRaw,
  PASSPHRASE,
  runChild,
  openCaseFile,
} from './support';

const temp = makeTempDir('copanel-evidence-');
let caseFile: CaseFile;
const path = join(temp.dir, 'evidence.copanel');

beforeAll(async () => {
  caseFile = await createTestCase(path);
});
afterAll(async () => {
  await caseFile.close();
  temp.cleanup();
});

describe('the evidence register', () => {
  it('adds, edits and removes evidence, each change audited', async () => {
    const survey = evidenceFields({
      title: 'Carers’ survey results',
      kind: 'survey',
      source: 'Carers forum, spring 2025',
      date: '2025-04-30',
      criteria: ['S2.1', 'S2.3', 'S2.1'],
    });
    const added = await addEvidence(leadScope(caseFile), survey);
    expect(added).toMatchObject({
      title: 'Carers’ survey results',
      kind: 'survey',
      date: '2025-04-30',
      criteria: ['S2.1', 'S2.3'],
      consent: 'not_needed',
      quote: '',
    });

    const quoted = {
      ...survey,
      criteria: ['S2.3', 'S6.1'],
      quote: 'I didn’t have to tell my story again.',
      consent: 'given' as const,
      notes: '42 carers replied.',
    };
    const edited = await editEvidence(leadScope(caseFile), added.id, quoted);
    expect(edited).toMatchObject({
      title: 'Carers’ survey results',
      source: 'Carers forum, spring 2025',
      criteria: ['S2.3', 'S6.1'],
      consent: 'given',
      notes: '42 carers replied.',
    });
    expect(quoteForReport(edited)).toBe('I didn’t have to tell my story again.');

    const refused = await editEvidence(leadScope(caseFile), added.id, { ...quoted, consent: 'refused' });
    expect(refused.quote).toBe('I didn’t have to tell my story again.');
    expect(quoteForReport(refused)).toBeNull();

    await removeEvidence(leadScope(caseFile), added.id);
    expect((await expectUserError(getEvidence(leadScope(caseFile), added.id))).code).toBe('NOT_FOUND');
    expect((await expectUserError(removeEvidence(leadScope(caseFile), added.id))).code).toBe('NOT_FOUND');
    const actions = (await readAuditLog(caseFile.db)).map((entry) => entry.action);
    expect(actions).toEqual([
      'case.created',
      'evidence.added',
      'evidence.edited',
      'evidence.edited',
      'evidence.removed',
    ]);
    expect(await caseFile.verifyAuditChain()).toMatchObject({ ok: true, entries: 5 });
  });

  it('refuses a quote whose permission has not been recorded (the contract checks the fields)', async () => {
    const quoted = await expectUserError(
      addEvidence(
        leadScope(caseFile),
        evidenceFields({
          title: 'Interview',
          kind: 'interview',
          quote: 'They treated me like a person.',
        }),
      ),
    );
    expect(quoted.message).toMatch(/permission/);
    expect(await listEvidence(leadScope(caseFile))).toEqual([]);
  });

  it('streams attachments in and out with progress, checking their SHA-256', async () => {
    const evidence = await addEvidence(
      leadScope(caseFile),
      evidenceFields({ title: 'Easy-read leaflet', kind: 'document' }),
    );
    const leaflet = join(temp.dir, 'leaflet.pdf');
    const content = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(2_500_000, 0x41)]);
    writeFileSync(leaflet, content);
    const progress: [number, number | undefined][] = [];
    const attached = await attachToEvidence(caseFile, 'lead', evidence.id, leaflet, {
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(attached).toMatchObject({
      fileName: 'leaflet.pdf',
      mediaType: 'application/pdf',
      size: content.length,
    });
    expect(progress.map(([done]) => done)).toEqual([1048576, 2097152, content.length]);
    expect(progress.every(([, total]) => total === content.length)).toBe(true);

    const out = join(temp.dir, 'leaflet.out.pdf');
    const exported = await exportAttachment(caseFile, attached.id, out);
    expect(exported).toEqual({ bytes: content.length, sha256: attached.sha256 });
    expect(readFileSync(out).equals(content)).toBe(true);

    // From a stream of unknown length, out to a stream.
    const fromStream = await attachToEvidence(
      caseFile,
      'lead',
      evidence.id,
      Readable.from([Buffer.from('first part, '), 'second part']),
      {
        fileName: 'notes.txt',
      },
    );
    const received: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        received.push(chunk);
        callback();
      },
    });
    await exportAttachment(caseFile, fromStream.id, sink);
    expect(Buffer.concat(received).toString()).toBe('first part, second part');
    expect(
      (await getEvidence(leadScope(caseFile), evidence.id)).attachments.map(
        (attachment) => attachment.fileName,
      ),
    ).toEqual(['leaflet.pdf', 'notes.txt']);

    await removeAttachment(caseFile, 'lead', fromStream.id);
    expect((await getEvidence(leadScope(caseFile), evidence.id)).attachments).toHaveLength(1);
    await removeEvidence(leadScope(caseFile), evidence.id);
    expect(await caseFile.db.selectFrom('attachment_chunk').select('seq').execute()).toEqual([]);
  });

  it('refuses attachments over 100 MB, keeping nothing of them', async () => {
    const evidence = await addEvidence(
      leadScope(caseFile),
      evidenceFields({
        title: 'Film of the open day',
        kind: 'observation',
      }),
    );
    const huge = join(temp.dir, 'huge.mov');
    const fd = openSync(huge, 'w');
    ftruncateSync(fd, MAX_ATTACHMENT_BYTES + 1); // sparse: takes no disk space
    closeSync(fd);
    expect((await expectUserError(attachToEvidence(caseFile, 'lead', evidence.id, huge))).code).toBe(
      'ATTACHMENT_TOO_LARGE',
    );

    const auditBefore = (await caseFile.verifyAuditChain()) as { entries: number };
    const endless = Readable.from(
      (function* () {
        for (let index = 0; index <= 100; index += 1) yield Buffer.alloc(1024 * 1024, index);
      })(),
    );
    const streamed = await expectUserError(
      attachToEvidence(caseFile, 'lead', evidence.id, endless, { fileName: 'stream.mov' }),
    );
    expect(streamed).toMatchObject({
      code: 'ATTACHMENT_TOO_LARGE',
      message: expect.stringMatching(/stream\.mov.*100 MB/),
    });
    expect(await caseFile.db.selectFrom('attachment_chunk').select('seq').execute()).toEqual([]);
    expect(await caseFile.verifyAuditChain()).toMatchObject({ ok: true, entries: auditBefore.entries });
  });

  it('notices an attachment changed inside the file and does not hand it out', async () => {
    const evidence = await addEvidence(
      leadScope(caseFile),
      evidenceFields({
        title: 'Minutes of the co-production group',
        kind: 'document',
      }),
    );
    const minutes = join(temp.dir, 'minutes.txt');
    writeFileSync(minutes, 'The group chose the new name together.');
    const attached = await attachToEvidence(caseFile, 'lead', evidence.id, minutes);
    await caseFile.close();
    const raw = openRaw(path);
    raw
      .prepare('update attachment_chunk set data = ? where attachment_id = ?')
      .run(Buffer.from('The manager chose the new name alone.'), attached.id);
    raw.close();
    caseFile = await openCaseFile({ path, passphrase: PASSPHRASE });
    const target = join(temp.dir, 'minutes.out.txt');
    const failure = await expectUserError(exportAttachment(caseFile, attached.id, target));
    expect(failure).toMatchObject({
      code: 'CASE_FILE_DAMAGED',
      message: expect.stringMatching(/minutes\.txt.*SHA-256/),
    });
    expect(existsSync(target)).toBe(false);
  });
});

describe('a 100 MB attachment', () => {
  const large = makeTempDir('copanel-large-', { preferMemory: 600 * 1024 * 1024 });
  afterAll(() => large.cleanup());

  it('round-trips byte-identical while the process’s memory stays flat', async () => {
    const result = lastJsonLine<{
      size: number;
      sourceSha: string;
      attachedSha: string;
      exportedSha: string;
      exportedFileSha: string;
      growth: number;
      progressIn: { calls: number; last: [number, number] };
      progressOut: { calls: number; last: [number, number] };
      attachMs: number;
      exportMs: number;
    }>(await runChild('attachment-memory.ts', [large.dir], { nodeFlags: ['--expose-gc'] }));
    expect(result.size).toBe(MAX_ATTACHMENT_BYTES);
    expect(result.attachedSha).toBe(result.sourceSha);
    expect(result.exportedSha).toBe(result.sourceSha);
    expect(result.exportedFileSha).toBe(result.sourceSha);
    expect(result.progressIn).toMatchObject({
      calls: 100,
      last: [MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_BYTES],
    });
    expect(result.progressOut).toMatchObject({
      calls: 100,
      last: [MAX_ATTACHMENT_BYTES, MAX_ATTACHMENT_BYTES],
    });
    expect(result.growth).toBeLessThan(40 * 1024 * 1024);
    console.info(
      `100 MiB attachment: RSS grew ${(result.growth / 1048576).toFixed(1)} MiB; in ${result.attachMs} ms, out ${result.exportMs} ms`,
    );
  });
});
