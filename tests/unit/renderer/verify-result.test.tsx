import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { CertificateVerification } from '../../../src/shared/api';
import { VerificationResult, VerifyScreen } from '../../../src/renderer/src/features/verify/VerifyScreen';
import { fakeApp } from './fake-app';

type Check = CertificateVerification['checks'][number];
const check = (name: string, status: Check['status']): Check => ({
  name,
  status,
  passed: status !== 'failed',
  message: `${name} — ${status}`,
});

function result(checks: Check[]): CertificateVerification {
  const valid = checks.every((one) => one.status !== 'failed');
  return {
    document: 'certificate',
    valid,
    summary: valid ? 'Every check passed.' : 'One check failed.',
    checks,
    facts: {
      organisation: 'Riverside Mind (fictional)',
      level: 'Level 2',
      certificateNumber: 'CPS-2026-0001',
      decisionDate: '2026-03-01',
      validUntil: '2029-03-01',
      signers: ['Alex Morgan', 'Sam Rivers'],
    },
  };
}

const manyPassed = Array.from({ length: 26 }, (_, index) => check(`Check ${index + 1}`, 'passed'));

afterEach(cleanup);

describe('the Verify screen’s result', () => {
  it('gives a one-line verdict and folds the checks away under a line that counts them', () => {
    render(
      <VerificationResult
        result={result([...manyPassed, check('Certificate not withdrawn', 'not_checked')])}
      />,
    );
    expect(screen.getByTestId('verification-summary').textContent).toContain(
      'This certificate is genuine and valid.',
    );
    const disclosure = screen.getByText('Show all 27 checks (26 passed, 1 not checked)').closest('details');
    expect(disclosure).not.toBeNull();
    expect(disclosure?.open).toBe(false);
    expect(within(disclosure as HTMLElement).getAllByRole('listitem')).toHaveLength(27);
    expect(screen.queryByRole('heading', { name: 'What did not pass' })).toBeNull();
  });

  it('keeps what failed in view, outside the folded list', () => {
    render(
      <VerificationResult
        result={result([...manyPassed, check('Nothing changed after signing', 'failed')])}
      />,
    );
    const failed = screen.getByRole('heading', { name: 'What did not pass' })
      .nextElementSibling as HTMLElement;
    expect(failed.closest('details')).toBeNull();
    expect(
      within(failed)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual([expect.stringContaining('Nothing changed after signing: failed')]);
    expect(screen.getByText('Show all 27 checks (26 passed, 1 failed)').closest('details')?.open).toBe(false);
  });

  it('says a PDF with no signature and no certificate facts is not a certificate, and lists no facts', () => {
    const failed = [check('Signatures present', 'failed'), check('Certificate facts', 'failed')];
    const notOurs: CertificateVerification = {
      ...result(failed),
      document: 'other',
      facts: {
        organisation: null,
        level: null,
        certificateNumber: null,
        decisionDate: null,
        validUntil: null,
        signers: [],
      },
    };
    render(<VerificationResult result={notOurs} />);
    expect(screen.getByTestId('verification-summary').textContent).toContain(
      'This PDF is not a signed Coproduction Panel certificate.',
    );
    expect(screen.queryByText('This certificate did not pass every check.')).toBeNull();
    expect(screen.queryByText('Organisation')).toBeNull();
  });

  it('lists for a report only the facts it carries', () => {
    const report: CertificateVerification = {
      ...result(manyPassed),
      document: 'report',
      facts: { ...result([]).facts, organisation: null, level: null, validUntil: null, decisionDate: null },
    };
    render(<VerificationResult result={report} />);
    expect(screen.queryByText('Organisation')).toBeNull();
    expect(screen.queryByText('Not found')).toBeNull();
    expect(screen.getByText('CPS-2026-0001')).toBeTruthy();
  });
});

describe('the Verify screen', () => {
  /** The file input of the chooser labelled `label`. */
  const inputOf = (label: string) =>
    screen.getByRole('group', { name: label }).querySelector('input[type="file"]') as HTMLInputElement;
  /** A chosen file of a few bytes (jsdom's File cannot give its bytes, so it is given here). */
  const file = (name: string) => {
    const chosen = new File([], name, { type: 'application/pdf' });
    const bytes = new TextEncoder().encode('%PDF-1.7');
    Object.defineProperty(chosen, 'size', { value: bytes.length });
    Object.defineProperty(chosen, 'arrayBuffer', { value: () => Promise.resolve(bytes.buffer) });
    return chosen;
  };

  it.each([
    ['Scheme root certificate (optional)', 'scheme-root.pem'],
    ['Revocation list (optional)', 'revoked.crl'],
    ['Certificate', 'another.pdf'],
  ])('clears the verdict when another file is chosen as the %s', async (label, name) => {
    const app = fakeApp({ 'certificate.verify': () => ({ ok: true, value: result(manyPassed) }) });
    render(<VerifyScreen />, { wrapper: app.wrapper });
    await userEvent.upload(inputOf('Certificate'), file('certificate.pdf'));
    await userEvent.click(screen.getByRole('button', { name: 'Check this certificate' }));
    await waitFor(() =>
      expect(screen.getByTestId('verification-summary').textContent).toContain(
        'This certificate is genuine and valid.',
      ),
    );
    await userEvent.upload(inputOf(label), file(name));
    expect(screen.queryByTestId('verification-summary')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Result' })).toBeNull();
    expect(app.asked('certificate.verify')).toBe(1);
  });
});
