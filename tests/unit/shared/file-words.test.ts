import { describe, expect, it } from 'vitest';
import {
  emptyFileMessage,
  MAX_CHECKED_FILE_BYTES,
  sizeInWords,
  unusableFile,
} from '../../../src/shared/file-words';
import { PDF_LIMITS } from '../../../src/main/signing';

describe('the words every file door uses for a file it cannot take', () => {
  it('says an empty file is empty, and a file too large its real size and the limit', () => {
    expect(unusableFile({ name: 'certificate.pdf', size: 0 }, 'a certificate')).toBe(
      emptyFileMessage('certificate.pdf'),
    );
    expect(emptyFileMessage('certificate.pdf')).toBe(
      '“certificate.pdf” is empty (0 bytes). Check it is the right file and that it has finished saving or downloading, then choose it again.',
    );
    expect(unusableFile({ name: 'scan.pdf', size: 25 * 1024 * 1024 }, 'a certificate')).toBe(
      '“scan.pdf” is 25 MB; the most the app checks as a certificate is 10 MB, so it was not checked. Check it is the right file.',
    );
    expect(
      unusableFile({ name: 'big.copanel', size: 5 * 1024 ** 3 }, 'a case file', 4 * 1024 ** 3),
    ).toContain('is 5 GB; the most the app checks as a case file is 4 GB');
    expect(unusableFile({ name: 'certificate.pdf', size: 50_000 }, 'a certificate')).toBeUndefined();
    expect(unusableFile({ name: 'edge.pdf', size: MAX_CHECKED_FILE_BYTES }, 'a certificate')).toBeUndefined();
  });

  it('is the limit the certificate check itself reads to', () => {
    expect(PDF_LIMITS.fileBytes).toBe(MAX_CHECKED_FILE_BYTES);
  });

  it('gives sizes in plain words, never "10.0 MB"', () => {
    expect(sizeInWords(0)).toBe('0 bytes');
    expect(sizeInWords(1)).toBe('1 byte');
    expect(sizeInWords(48 * 1024)).toBe('48 KB');
    expect(sizeInWords(10 * 1024 * 1024)).toBe('10 MB');
    expect(sizeInWords(10.46 * 1024 * 1024)).toBe('10.5 MB');
    expect(sizeInWords(100 * 1024 * 1024)).toBe('100 MB');
    expect(sizeInWords(4 * 1024 ** 3)).toBe('4 GB');
  });
});
