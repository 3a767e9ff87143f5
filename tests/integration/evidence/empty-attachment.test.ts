import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseFile } from '../../../src/main/casefile';
import { addEvidence, attachFile } from '../../../src/main/evidence';
import { createTestCase, evidenceFields, expectUserError, leadScope, makeTempDir } from '../casefile/support';

/** A 0-byte file is almost always a slip (a file still downloading, an empty export): it is refused in plain words. */
describe('attaching an empty file', () => {
  const temp = makeTempDir('copanel-empty-attachment-');
  let caseFile: CaseFile;
  let evidenceId: string;

  beforeAll(async () => {
    caseFile = await createTestCase(join(temp.dir, 'empty.copanel'));
    evidenceId = (
      await addEvidence(
        leadScope(caseFile),
        evidenceFields({ title: 'Minutes of the members’ forum', kind: 'document' }),
      )
    ).id;
  }, 60_000);

  afterAll(async () => {
    await caseFile?.close();
    temp.cleanup();
  });

  const attachments = async () =>
    (await caseFile.db.selectFrom('evidence_attachment').select('id').execute()).length;

  it('refuses a 0-byte file chosen by path, saying it is empty, and keeps nothing', async () => {
    const empty = join(temp.dir, 'minutes.docx');
    writeFileSync(empty, '');
    const refused = await expectUserError(
      attachFile(leadScope(caseFile), evidenceId, empty, { fileName: 'minutes.docx' }),
    );
    expect(refused.code).toBe('ATTACHMENT_EMPTY');
    expect(refused.message).toMatch(/“minutes\.docx” is empty/);
    expect(await attachments()).toBe(0);
  });

  it('refuses an upload that turns out to hold no bytes, even when its size was not said', async () => {
    const refused = await expectUserError(
      attachFile(leadScope(caseFile), evidenceId, Readable.from([]), { fileName: 'survey.csv' }),
    );
    expect(refused).toMatchObject({
      code: 'ATTACHMENT_EMPTY',
      message: expect.stringMatching(/survey\.csv/),
    });
    expect(await attachments()).toBe(0);
  });

  it('still takes a file with something in it, streamed or by path', async () => {
    const streamed = await attachFile(
      leadScope(caseFile),
      evidenceId,
      Readable.from([Buffer.from('Forum minutes, '), Buffer.from('March 2026 (fictional).')]),
      { fileName: 'forum.txt' },
    );
    expect(streamed.attachments.map((a) => [a.fileName, a.sizeBytes])).toEqual([['forum.txt', 38]]);
    const onDisk = join(temp.dir, 'one-byte.txt');
    writeFileSync(onDisk, 'x');
    const byPath = await attachFile(leadScope(caseFile), evidenceId, onDisk, { fileName: 'one-byte.txt' });
    expect(byPath.attachments).toHaveLength(2);
  });
});
