import { describe, expect, it } from 'vitest';
import { unusableFile } from '../../../src/renderer/src/features/verify/verifyWords';

describe('the Verify screen, before it sends a file', () => {
  it('says plainly that a file is empty or far too large, instead of the API’s own terms', () => {
    expect(unusableFile({ name: 'certificate.pdf', size: 0 }, 'a certificate')).toBe(
      '“certificate.pdf” is empty, so it is not a certificate. Choose the file again.',
    );
    expect(unusableFile({ name: 'scan.pdf', size: 25 * 1024 * 1024 }, 'a certificate')).toBe(
      '“scan.pdf” is 25.0 MB; a certificate from the scheme is well under 1 MB, so it was not checked.',
    );
    expect(unusableFile({ name: 'certificate.pdf', size: 50_000 }, 'a certificate')).toBeUndefined();
  });
});
