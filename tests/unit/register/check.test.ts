import { describe, expect, it } from 'vitest';
import { checkAgainstRegister, csvCell, type PublishedRegister } from '../../../src/main/register';
import type { CertificateVerification, VerificationCheck } from '../../../src/shared/api';

const SHA = 'ab'.repeat(32);

function register(state = 'valid', words = 'Valid until 2029-03-14.'): PublishedRegister {
  return {
    format: 'copanel-register/1',
    scheme: { name: 'Northfield Kitemark Scheme (fictional)', rootSha256: 'cd'.repeat(32) },
    issuedAt: '2027-06-01T12:00:00.000Z',
    asOf: '2027-06-01',
    entries: [
      {
        certificateNumber: 'CPS-2026-0001ABCD',
        organisation: 'Harbour Minds (fictional)',
        level: 2,
        decisionDate: '2026-03-14',
        interimReviewDue: '2027-09-14',
        validUntil: '2029-03-14',
        standardVersion: null,
        signers: ['Alex Morgan (Lead assessor)', 'Sam Okafor (Expert by Experience)'],
        auditHead: null,
        qrSignerKeyId: '0011223344556677',
        qrSignerPublicKey: 'AAAA',
        pdfSha256: SHA,
        importedAt: '2026-03-15T09:00:00.000Z',
        status: { state, words },
        events: [],
      },
    ],
  };
}

const passed = (name: string): VerificationCheck => ({ name, passed: true, status: 'passed', message: 'ok' });
const failedCheck = (name: string): VerificationCheck => ({
  name,
  passed: false,
  status: 'failed',
  message: 'no',
});

function verification(checks: VerificationCheck[], number = 'CPS-2026-0001ABCD'): CertificateVerification {
  const valid = checks.every((c) => c.passed);
  return {
    document: 'certificate',
    valid,
    summary: valid ? 'Certificate is genuine.' : 'Do not rely on this certificate. An identity expired.',
    checks,
    facts: {
      organisation: 'Harbour Minds (fictional)',
      level: 'Level 2',
      certificateNumber: number,
      decisionDate: '2026-03-14',
      validUntil: '2029-03-14',
      signers: [],
    },
  };
}

describe('verify --register', () => {
  it('a certificate the register does not know is not valid', () => {
    const result = checkAgainstRegister(
      verification([passed('x')], 'CPS-2026-FFFFFFFF'),
      SHA,
      register(),
      '2027-06-01',
    );
    expect(result.valid).toBe(false);
    expect(result.checks.at(-1)?.message).toContain(
      'is not in the register of Northfield Kitemark Scheme (fictional)',
    );
  });

  it('the register vouches for this exact file when the only failure is an identity that expired since', () => {
    const checks = [
      passed('Signature 1 (Alex): content unchanged'),
      failedCheck('Signature 1 (Alex): identity in date when checked'),
    ];
    const vouched = checkAgainstRegister(verification(checks), SHA, register(), '2028-06-01');
    expect(vouched.valid).toBe(true);
    expect(vouched.checks[1]?.message).toContain('recorded this exact file on 2026-03-15');
    // Not for another file with the same number, and not when anything else failed too.
    expect(checkAgainstRegister(verification(checks), 'ef'.repeat(32), register(), '2028-06-01').valid).toBe(
      false,
    );
    const worse = [...checks, failedCheck('Signature 1 (Alex): content unchanged')];
    expect(checkAgainstRegister(verification(worse), SHA, register(), '2028-06-01').valid).toBe(false);
  });

  it('a withdrawn or expired certificate is not valid, whatever its signatures say', () => {
    const revoked = checkAgainstRegister(
      verification([passed('x')]),
      SHA,
      register('revoked', 'Withdrawn on 2027-01-01: conditions not met. Do not rely on it.'),
      '2027-06-01',
    );
    expect(revoked.valid).toBe(false);
    expect(revoked.summary).toContain('Withdrawn on 2027-01-01');
    expect(checkAgainstRegister(verification([passed('x')]), SHA, register(), '2029-03-15').valid).toBe(
      false,
    );
  });
});

describe('the register as CSV', () => {
  it('a cell a spreadsheet would run as a formula is shown as text', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+44 1234')).toBe(`"'+44 1234"`);
    expect(csvCell('@SUM(A1)')).toBe(`"'@SUM(A1)"`);
    expect(csvCell('-1')).toBe(`"'-1"`);
    expect(csvCell('Harbour Minds, "fictional"')).toBe('"Harbour Minds, ""fictional"""');
  });
});
