import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { emptyFileMessage } from '../../src/shared/file-words';
import { expect, test } from './fixtures';
import { api, checkScreen, createCase, goToStage } from './support';

test('an empty (0-byte) file is refused in plain words, on screen and at the upload', async ({
  page,
  app,
}, testInfo) => {
  const caseId = await createCase(page, app.url, 'Harbourside Collective (fictional)');
  const evidence = (await api(page, 'evidence.add', {
    caseId,
    evidence: {
      title: 'Minutes of the members’ forum',
      kind: 'document',
      source: 'Members’ forum',
      date: null,
      criteria: ['S1.1'],
      consent: 'not_needed',
      quote: '',
      notes: '',
    },
  })) as { id: string };

  await goToStage(page, 'Evidence');
  const empty = join(mkdtempSync(join(tmpdir(), 'copanel-empty-')), 'forum-minutes.docx');
  writeFileSync(empty, '');
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a file to attach' }).click();
  await (await chooser).setFiles(empty);
  await expect(page.getByText('The file was not attached')).toBeVisible();
  await expect(page.getByText(emptyFileMessage('forum-minutes.docx'))).toBeVisible();
  await expect(page.getByText('No files attached.')).toBeVisible();
  await checkScreen(page, testInfo, 'evidence (empty file refused)');

  // The upload itself refuses it too, whatever the page does.
  const answer = await page.evaluate(
    async ({ caseId, evidenceId }) => {
      const response = await fetch('/upload/evidence.attach', {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${sessionStorage.getItem('copanel.launchToken')}`,
          'x-copanel-input': encodeURIComponent(
            JSON.stringify({ caseId, evidenceId, fileName: 'empty.csv' }),
          ),
          'Content-Type': 'application/octet-stream',
        },
        body: new Uint8Array(0),
      });
      return response.text();
    },
    { caseId, evidenceId: evidence.id },
  );
  expect(JSON.parse(answer)).toMatchObject({ ok: false, error: { code: 'ATTACHMENT_EMPTY' } });
  await page.reload();
  await goToStage(page, 'Evidence');
  await expect(page.getByText('No files attached.')).toBeVisible();
});
