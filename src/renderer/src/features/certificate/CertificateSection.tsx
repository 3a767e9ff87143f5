import { useRead, useReadOnDemand } from '../../app/operations';
import { useNavigation } from '../../app/navigation';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/feedback';
import { downloadPdf } from '../../ui/files';
import { Page } from '../../ui/Page';
import { useSignedIn } from '../case/useCase';
import { CertificatePreview } from './CertificatePreview';
import { IssuedCertificates } from './IssuedCertificates';
import { SignPanel } from './SignPanel';

/** Preview, sign, co-sign, download and print the certificate and report. */
export function CertificateSection({ caseId }: { caseId: string }) {
  const { go } = useNavigation();
  const role = useSignedIn(caseId)?.role;
  const outcome = useRead('outcome.get', { caseId });
  const certificates = useRead('certificate.list', { caseId });
  const pending = certificates.data?.find((c) => c.status === 'awaiting_co_signature');
  const issued = certificates.data?.some((c) => c.status === 'issued') ?? false;

  return (
    <Page title="Certificate">
      {outcome.isError && <ErrorNotice message={outcome.error.message} />}
      {outcome.data === null && (
        <div className="notice">
          <p>The certificate can be signed once the panel has recorded its decision.</p>
          <Button variant="link" onPress={() => go({ name: 'case', caseId, section: 'decision' })}>
            Go to the decision
          </Button>
        </div>
      )}
      {outcome.data && outcome.data.level === 'not_yet_awarded' && (
        <p className="notice">
          The panel decided the standard is not yet met, so there is no certificate to issue. The report can
          still be shared.
        </p>
      )}
      {outcome.data && outcome.data.level !== 'not_yet_awarded' && (
        <>
          {!issued && <CertificatePreview caseId={caseId} />}
          {role === 'lead' && !pending && !issued && <SignPanel caseId={caseId} mode="sign" />}
          {role === 'assessor' && pending && <SignPanel caseId={caseId} mode="co-sign" />}
          {role !== 'assessor' && pending && (
            <p className="notice">
              The lead assessor has signed. Now {pending.coSignerName ?? 'an Expert by Experience assessor'}{' '}
              signs in (Sign out, then choose their name) and co-signs here.
            </p>
          )}
        </>
      )}
      <IssuedCertificates caseId={caseId} certificates={certificates.data ?? []} />
      <ScoreSheetDownload caseId={caseId} />
    </Page>
  );
}

function ScoreSheetDownload({ caseId }: { caseId: string }) {
  const sheet = useReadOnDemand('certificate.scoreSheet', {
    onSuccess: (file) => downloadPdf(file.base64, file.fileName),
  });
  return (
    <section aria-labelledby="paper-heading">
      <h2 id="paper-heading">Paper score sheet</h2>
      <p>For panel members who prefer to score on paper. The lead assessor enters paper sheets afterwards.</p>
      {sheet.isError && <ErrorNotice message={sheet.error.message} />}
      <Button onPress={() => sheet.mutate({ caseId })} isPending={sheet.isPending} pendingLabel="Preparing…">
        Download a blank score sheet
      </Button>
    </section>
  );
}
