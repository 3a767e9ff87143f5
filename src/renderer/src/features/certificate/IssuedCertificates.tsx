import type { CertificateRecord } from '../../../../shared/api';
import { useConnectedClient } from '../../app/client-context';
import { useChange, useReadOnDemand } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/feedback';
import { downloadPdf, pdfUrl } from '../../ui/files';
import { formatDate, formatDateTime } from '../../ui/format';

const LEVEL_WORDS = (level: CertificateRecord['level']) =>
  level === 'not_yet_awarded' ? 'Not yet awarded' : `Level ${level}`;
const STATUS_WORDS: Record<CertificateRecord['status'], string> = {
  awaiting_co_signature: 'Signed by the lead assessor; waiting for an Expert by Experience to co-sign',
  issued: 'Issued',
  revoked: 'Withdrawn',
};

/** The case's certificates: who signed each, and for issued ones, download and print. */
export function IssuedCertificates({
  caseId,
  certificates,
}: {
  caseId: string;
  certificates: CertificateRecord[];
}) {
  const { transport } = useConnectedClient();
  const download = useReadOnDemand('certificate.download', {
    onSuccess: (file) => downloadPdf(file.base64, file.fileName),
  });
  // The desktop app prints through the system's print dialog; a browser opens the PDF to print it.
  const print = useChange('certificate.print');
  const openToPrint = useReadOnDemand('certificate.download', {
    onSuccess: (file) => window.open(pdfUrl(file.base64), '_blank', 'noopener'),
  });
  if (certificates.length === 0) return null;
  const printError = print.error ?? openToPrint.error;
  return (
    <section aria-labelledby="issued-heading">
      <h2 id="issued-heading">Certificates for this case</h2>
      {download.isError && <ErrorNotice message={download.error.message} />}
      {printError && <ErrorNotice message={printError.message} />}
      <ul className="plain-list">
        {certificates.map((certificate) => (
          <li key={certificate.id} className="list-row" data-testid="certificate-row">
            <CertificateFacts certificate={certificate} />
            {certificate.status === 'issued' && (
              <div className="page-actions">
                <Button
                  onPress={() =>
                    download.mutate({ caseId, certificateId: certificate.id, document: 'certificate' })
                  }
                >
                  Download the certificate
                </Button>
                <Button
                  onPress={() =>
                    download.mutate({ caseId, certificateId: certificate.id, document: 'report' })
                  }
                >
                  Download the report
                </Button>
                <Button
                  onPress={() =>
                    transport === 'electron'
                      ? print.mutate({ caseId, certificateId: certificate.id })
                      : openToPrint.mutate({ caseId, certificateId: certificate.id, document: 'certificate' })
                  }
                >
                  {transport === 'electron' ? 'Print the certificate' : 'Open the certificate to print'}
                </Button>
              </div>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function CertificateFacts({ certificate }: { certificate: CertificateRecord }) {
  return (
    <div>
      <p className="list-row-title">
        {certificate.certificateNumber} — {LEVEL_WORDS(certificate.level)}
      </p>
      <p className="list-row-detail">{STATUS_WORDS[certificate.status]}</p>
      <p className="list-row-detail">
        Decided {formatDate(certificate.decisionDate)}; valid until {formatDate(certificate.validUntil)};
        interim review due {formatDate(certificate.interimReviewDue)}
      </p>
      {certificate.signers.map((signer) => (
        <p key={signer.keyId} className="list-row-detail">
          Signed by {signer.name} ({signer.role}) on {formatDateTime(signer.signedAt)}
        </p>
      ))}
    </div>
  );
}
