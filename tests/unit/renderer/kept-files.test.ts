import { describe, expect, it } from 'vitest';
import { connectClient } from '../../../src/renderer/src/client';
import { whyNotSent } from '../../../src/renderer/src/ui/files';

/** A chosen file of `size` bytes, without holding them (a 100 MB file is only its size here). */
function chosen(name: string, size: number, type = 'image/jpeg'): File {
  const file = new File([], name, { type });
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

describe('receipts and certificates of attendance sent from the screens', () => {
  it('refuses a file over 100 MB, or an empty one, before a byte is sent, in plain words', () => {
    expect(whyNotSent(chosen('photo.jpg', 100 * 1024 * 1024 + 1), 'receipt')).toBe(
      '“photo.jpg” is larger than 100 MB, the most a receipt can be, so it was not kept. Scan it at a lower resolution, or save it as a smaller PDF, and try again.',
    );
    expect(whyNotSent(chosen('blank.pdf', 0), 'certificate of attendance')).toContain('is empty (0 bytes)');
    // 100 MB itself, or a 12 MB phone photo, goes.
    expect(whyNotSent(chosen('photo.jpg', 100 * 1024 * 1024), 'receipt')).toBeNull();
    expect(whyNotSent(chosen('photo.jpg', 12 * 1024 * 1024), 'receipt')).toBeNull();
  });

  it('in the desktop app, sends the chosen file’s path for the main process to read, naming the member the page shows', async () => {
    const calls: { name: string; input: unknown }[] = [];
    const bridge = {
      transport: 'electron' as const,
      call: async (name: string, input: unknown) => {
        calls.push({ name, input });
        return { ok: true as const, value: null };
      },
      pathForFile: (file: File) => `/home/sam/${file.name}`,
      chooseSavePath: async () => null,
      onMenuCommand: () => () => {},
      onOpenCaseFile: () => () => {},
    };
    const { files } = connectClient(Object.assign(Object.create(window) as Window, { copanel: bridge }));
    const progress: [number, number][] = [];
    const onProgress = (sent: number, total: number) => progress.push([sent, total]);
    await files.attachReceipt(
      { caseId: 'case-1', expenseId: 'expense-1', signedInAs: 'sam' },
      chosen('parking.jpg', 3_000_000),
      onProgress,
    );
    const training = {
      assessorId: 'a-1',
      course: 'Assessing coproduction',
      attendedOn: '2026-03-02',
      trainer: 'Ade Bello',
    };
    await files.recordTraining(training, chosen('attendance.pdf', 2_000_000, 'application/pdf'), onProgress);
    expect(calls).toEqual([
      {
        name: 'fees.attachReceipt',
        input: {
          caseId: 'case-1',
          expenseId: 'expense-1',
          sizeBytes: 3_000_000,
          path: '/home/sam/parking.jpg',
          signedInAs: 'sam',
        },
      },
      {
        name: 'scheme.recordTraining',
        input: {
          training,
          certificate: { fileName: 'attendance.pdf', mediaType: 'application/pdf', sizeBytes: 2_000_000 },
          path: '/home/sam/attendance.pdf',
        },
      },
    ]);
    expect(progress).toEqual([
      [0, 3_000_000],
      [3_000_000, 3_000_000],
      [0, 2_000_000],
      [2_000_000, 2_000_000],
    ]);
  });
});
