import { Fragment, useState } from 'react';
import { verificationVerdict, type CertificateVerification } from '../../../../shared/api';
import { unusableFile } from '../../../../shared/file-words';
import { ApiCallError } from '../../app/client-context';
import { useReadOnDemand } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { FileChooser } from '../../ui/FileChooser';
import { fileToBase64 } from '../../ui/files';
import { formatDate } from '../../ui/format';
import { Page } from '../../ui/Page';
import { CaseFileCheck } from './CaseFileCheck';

/** Anyone can check a certificate: genuine, unchanged, in date, not withdrawn — each check in plain words. */
export function VerifyScreen() {
  const [pdf, setPdf] = useState<File | null>(null);
  const [root, setRoot] = useState<File | null>(null);
  const [revocations, setRevocations] = useState<File | null>(null);
  const verify = useReadOnDemand('certificate.verify', {
    prepare: async (_press: void) => {
      if (!pdf) throw new ApiCallError({ code: 'INVALID_INPUT', message: 'Choose a certificate PDF first.' });
      const problem =
        unusableFile(pdf, 'a certificate') ??
        (root ? unusableFile(root, 'a root certificate') : undefined) ??
        (revocations ? unusableFile(revocations, 'a revocation list') : undefined);
      if (problem) throw new ApiCallError({ code: 'INVALID_INPUT', message: problem });
      return {
        fileName: pdf.name,
        base64: await fileToBase64(pdf),
        ...(root ? { trustedRootBase64: await fileToBase64(root) } : {}),
        ...(revocations ? { revocationListBase64: await fileToBase64(revocations) } : {}),
      };
    },
  });
  /** Choosing another file (the PDF, a root or a list) clears the verdict, which was for the files chosen before. */
  const choose = (setFile: (file: File) => void) => (file: File) => {
    setFile(file);
    verify.reset();
  };

  return (
    <Page
      title="Verify a certificate"
      intro={
        <p>
          Check that a Coproduction Panel certificate was issued by the scheme, has not been changed since, is
          still in date and has not been withdrawn. This works without the internet.
        </p>
      }
    >
      <div className="form">
        <FileChooser
          label="Certificate"
          buttonLabel="Choose a certificate PDF"
          acceptedFileTypes={['application/pdf']}
          chosen={pdf}
          onFile={choose(setPdf)}
        />
        <details className="more-options">
          <summary>More options: the scheme’s root certificate and revocation list</summary>
          <FileChooser
            label="Scheme root certificate (optional)"
            hint="Only needed if this computer does not already trust the scheme (Settings)."
            buttonLabel="Choose a root certificate"
            chosen={root}
            onFile={choose(setRoot)}
          />
          <FileChooser
            label="Revocation list (optional)"
            hint="The scheme’s latest list of withdrawn certificates."
            buttonLabel="Choose a revocation list"
            chosen={revocations}
            onFile={choose(setRevocations)}
          />
        </details>
        <Button
          variant="primary"
          isDisabled={!pdf}
          isPending={verify.isPending}
          pendingLabel="Checking…"
          onPress={() => verify.mutate()}
        >
          Check this certificate
        </Button>
      </div>
      {verify.isPending && <StatusNotice>Checking the certificate’s signatures…</StatusNotice>}
      {verify.isError && (
        <ErrorNotice title="The certificate could not be checked" message={verify.error.message} />
      )}
      {verify.data && <VerificationResult result={verify.data} />}
      {verify.data?.recordOfChanges && verify.data.facts.certificateNumber && (
        <CaseFileCheck
          key={verify.data.facts.certificateNumber}
          certificateNumber={verify.data.facts.certificateNumber}
          entries={verify.data.recordOfChanges.entries}
        />
      )}
    </Page>
  );
}

const CHECK_CLASS: Record<CertificateVerification['checks'][number]['status'], string> = {
  passed: 'check-passed',
  failed: 'check-failed',
  not_checked: 'check-not-checked',
};
const CHECK_MARK: Record<CertificateVerification['checks'][number]['status'], string> = {
  passed: '✓',
  failed: '✗',
  not_checked: '–',
};
const CHECK_WORDS: Record<CertificateVerification['checks'][number]['status'], string> = {
  passed: 'passed',
  failed: 'failed',
  not_checked: 'not checked',
};

/** One line for the disclosure that holds every check: how many, and how many passed. */
function allChecksSummary(checks: CertificateVerification['checks']): string {
  const count = (status: CertificateVerification['checks'][number]['status']) =>
    checks.filter((check) => check.status === status).length;
  const parts = [`${count('passed')} passed`];
  if (count('failed') > 0) parts.push(`${count('failed')} failed`);
  if (count('not_checked') > 0) parts.push(`${count('not_checked')} not checked`);
  return `Show all ${checks.length} checks (${parts.join(', ')})`;
}

function CheckList({ title, checks }: { title: string; checks: CertificateVerification['checks'] }) {
  if (checks.length === 0) return null;
  return (
    <>
      <h3>{title}</h3>
      <ul className="checks">
        {checks.map((check, index) => (
          <li key={`${check.name}-${index}`} className={CHECK_CLASS[check.status]}>
            <span className="check-mark" aria-hidden="true">
              {CHECK_MARK[check.status]}
            </span>
            <div>
              <p className="check-name">
                {check.name}: <strong>{CHECK_WORDS[check.status]}</strong>
              </p>
              <p>{check.message}</p>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * The facts a reader needs. A certificate lists each, "Not found" where it is missing (that is
 * telling); a report lists what it carries; a PDF that is neither has none to list.
 */
function Facts({ result }: { result: CertificateVerification }) {
  if (result.document === 'other') return null;
  const { facts } = result;
  const rows: [string, string | null][] = [
    ['Organisation', facts.organisation],
    ['Level', facts.level],
    ['Certificate number', facts.certificateNumber],
    ['Valid until', facts.validUntil ? formatDate(facts.validUntil) : null],
  ];
  const shown = result.document === 'report' ? rows.filter(([, value]) => value !== null) : rows;
  return (
    <dl className="facts">
      {shown.map(([term, value]) => (
        <Fragment key={term}>
          <dt>{term}</dt>
          <dd>{value ?? 'Not found'}</dd>
        </Fragment>
      ))}
      <dt>Signed by</dt>
      <dd>{facts.signers.length > 0 ? facts.signers.join(', ') : 'No signatures found'}</dd>
    </dl>
  );
}

/** The verdict in one line, the facts a reader needs, what failed in view, every check folded away. */
export function VerificationResult({ result }: { result: CertificateVerification }) {
  return (
    <section aria-labelledby="result-heading" className="verification">
      <h2 id="result-heading">Result</h2>
      <div
        role="status"
        className={`notice ${result.valid ? 'notice-success' : 'notice-error'}`}
        data-testid="verification-summary"
      >
        <p className="notice-title">
          <span aria-hidden="true">{result.valid ? '✓ ' : '✗ '}</span>
          {verificationVerdict(result)}
        </p>
        <p>{result.summary}</p>
      </div>
      <Facts result={result} />
      <CheckList
        title="What did not pass"
        checks={result.checks.filter((check) => check.status === 'failed')}
      />
      <details className="more-options all-checks">
        <summary>{allChecksSummary(result.checks)}</summary>
        <CheckList title="Each check" checks={result.checks} />
      </details>
    </section>
  );
}
