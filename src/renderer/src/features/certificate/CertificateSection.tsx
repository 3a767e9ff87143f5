import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { Form } from 'react-aria-components';
import type { CertificateRecord, PdfFile } from '../../../../shared/api';
import { useCall, useConnectedClient } from '../../app/client-context';
import { useNavigation } from '../../app/navigation';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { ChoiceGroup, SecretField } from '../../ui/fields';
import { downloadPdf, pdfUrl } from '../../ui/files';
import { formatDate, formatDateTime } from '../../ui/format';
import { Page } from '../../ui/Page';
import { caseKeys, useOpenCase, usePanel } from '../case/useCase';

const LEVEL_WORDS = (level: CertificateRecord['level']) =>
  level === 'not_yet_awarded' ? 'Not yet awarded' : `Level ${level}`;
const STATUS_WORDS: Record<CertificateRecord['status'], string> = {
  awaiting_co_signature: 'Signed by the lead assessor; waiting for an Expert by Experience to co-sign',
  issued: 'Issued',
  revoked: 'Withdrawn',
};

/** Preview, sign, co-sign, download and print the certificate and report. */
export function CertificateSection({ caseId }: { caseId: string }) {
  const call = useCall();
  const { go } = useNavigation();
  const openCase = useOpenCase(caseId);
  const outcome = useQuery({
    queryKey: caseKeys.outcome(caseId),
    queryFn: () => call('outcome.get', { caseId }),
  });
  const certificates = useQuery({
    queryKey: caseKeys.certificates(caseId),
    queryFn: () => call('certificate.list', { caseId }),
  });
  const role = openCase.data?.signedIn?.role;
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
          {!issued && <Preview caseId={caseId} />}
          {role === 'lead' && !pending && !certificates.data?.some((c) => c.status === 'issued') && (
            <SignPanel caseId={caseId} mode="sign" />
          )}
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

function Preview({ caseId }: { caseId: string }) {
  const call = useCall();
  const preview = useQuery({
    queryKey: [...caseKeys.certificates(caseId), 'preview'],
    queryFn: () => call('certificate.preview', { caseId }),
  });
  return (
    <section aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview</h2>
      {preview.isPending && <StatusNotice>Preparing the certificate and report…</StatusNotice>}
      {preview.isError && <ErrorNotice message={preview.error.message} />}
      {preview.data && (
        <div className="preview-grid">
          <PdfPreview title="Certificate preview" pdf={preview.data.certificate} />
          <PdfPreview title="Report preview" pdf={preview.data.report} />
        </div>
      )}
    </section>
  );
}

function PdfPreview({ title, pdf }: { title: string; pdf: PdfFile }) {
  const url = useMemo(() => pdfUrl(pdf.base64), [pdf.base64]);
  useEffect(() => () => URL.revokeObjectURL(url), [url]);
  return (
    <div className="pdf-preview-box">
      <h3>{title}</h3>
      <iframe className="pdf-preview" title={title} src={url} />
      <Button onPress={() => downloadPdf(pdf.base64, pdf.fileName)}>
        Download the {title.toLowerCase()}
      </Button>
    </div>
  );
}

function SignPanel({ caseId, mode }: { caseId: string; mode: 'sign' | 'co-sign' }) {
  const call = useCall();
  const queryClient = useQueryClient();
  const { go } = useNavigation();
  const identities = useQuery({ queryKey: ['identity.list'], queryFn: () => call('identity.list', {}) });
  const panel = usePanel(caseId);
  const [identityId, setIdentityId] = useState<string | null>(null);
  const [password, setPassword] = useState('');
  // The lead names the Expert by Experience who will co-sign: their name is printed on the certificate if they agreed.
  const coSigners = (panel.data ?? []).filter(
    (member) =>
      member.role === 'assessor' &&
      !(member.conflict.status === 'declared' && member.conflict.decision?.outcome === 'excluded'),
  );
  const [chosenCoSigner, setCoSigner] = useState<string | null>(null);
  const coSignerMemberId = chosenCoSigner ?? (coSigners.length === 1 ? coSigners[0]!.id : null);
  const sign = useMutation({
    mutationFn: () =>
      mode === 'sign'
        ? call('certificate.sign', {
            caseId,
            identityId: identityId ?? '',
            identityPassword: password,
            ...(coSignerMemberId ? { coSignerMemberId } : {}),
          })
        : call('certificate.coSign', { caseId, identityId: identityId ?? '', identityPassword: password }),
    onSuccess: async () => {
      setPassword('');
      await queryClient.invalidateQueries({ queryKey: caseKeys.all(caseId) });
    },
  });
  const heading = mode === 'sign' ? 'Sign as lead assessor' : 'Co-sign as an Expert by Experience';
  return (
    <section aria-labelledby="sign-heading" className="card">
      <h2 id="sign-heading">{heading}</h2>
      <p>
        {mode === 'sign'
          ? 'Your digital signature shows the certificate and report come from the scheme and have not been changed.'
          : 'Your co-signature completes the certificate. Once you sign, it is issued.'}{' '}
        Your signature carries your name, even if you asked not to be named on the certificate itself.
      </p>
      {identities.data && identities.data.length === 0 && (
        <div className="notice">
          <p>
            No signing identity is set up on this computer yet. Import the file the scheme gave you in
            Settings.
          </p>
          <Button variant="link" onPress={() => go({ name: 'settings' })}>
            Go to Settings
          </Button>
        </div>
      )}
      {identities.data && identities.data.length > 0 && (
        <Form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            sign.mutate();
          }}
        >
          <ChoiceGroup
            label="Your signing identity"
            isRequired
            choices={identities.data.map((identity) => ({
              value: identity.id,
              label: identity.name,
              description: `${identity.role} · valid until ${formatDate(identity.validTo)}`,
            }))}
            value={identityId}
            onChange={setIdentityId}
          />
          {mode === 'sign' && coSigners.length > 1 && (
            <ChoiceGroup
              label="Who will co-sign"
              description="Their name is printed on the certificate if they agreed to be named, and then only they can co-sign."
              isRequired
              choices={coSigners.map((member) => ({
                value: member.id,
                label: member.name,
                description: member.consentToBeNamed
                  ? 'Agreed to be named on the certificate'
                  : 'Not named on the certificate',
              }))}
              value={coSignerMemberId}
              onChange={setCoSigner}
            />
          )}
          <SecretField label="Identity password" isRequired value={password} onChange={setPassword} />
          {sign.isError && <ErrorNotice title="Not signed" message={sign.error.message} />}
          {sign.isPending && <StatusNotice>Signing… this takes a few seconds.</StatusNotice>}
          <Button
            type="submit"
            variant="primary"
            isDisabled={!identityId || (mode === 'sign' && !coSignerMemberId)}
            isPending={sign.isPending}
            pendingLabel="Signing…"
          >
            {mode === 'sign' ? 'Sign the certificate' : 'Co-sign the certificate'}
          </Button>
        </Form>
      )}
    </section>
  );
}

function IssuedCertificates({ caseId, certificates }: { caseId: string; certificates: CertificateRecord[] }) {
  const call = useCall();
  const { transport } = useConnectedClient();
  const download = useMutation({
    mutationFn: async (args: { certificateId: string; document: 'certificate' | 'report' }) => {
      const file = await call('certificate.download', { caseId, ...args });
      downloadPdf(file.base64, file.fileName);
    },
  });
  const print = useMutation({
    mutationFn: async (certificateId: string) => {
      if (transport === 'electron') return call('certificate.print', { caseId, certificateId });
      const file = await call('certificate.download', { caseId, certificateId, document: 'certificate' });
      window.open(pdfUrl(file.base64), '_blank', 'noopener');
      return { printed: false };
    },
  });
  if (certificates.length === 0) return null;
  return (
    <section aria-labelledby="issued-heading">
      <h2 id="issued-heading">Certificates for this case</h2>
      {download.isError && <ErrorNotice message={download.error.message} />}
      {print.isError && <ErrorNotice message={print.error.message} />}
      <ul className="plain-list">
        {certificates.map((certificate) => (
          <li key={certificate.id} className="list-row" data-testid="certificate-row">
            <div>
              <p className="list-row-title">
                {certificate.certificateNumber} — {LEVEL_WORDS(certificate.level)}
              </p>
              <p className="list-row-detail">{STATUS_WORDS[certificate.status]}</p>
              <p className="list-row-detail">
                Decided {formatDate(certificate.decisionDate)}; valid until{' '}
                {formatDate(certificate.validUntil)}; interim review due{' '}
                {formatDate(certificate.interimReviewDue)}
              </p>
              {certificate.signers.map((signer) => (
                <p key={signer.keyId} className="list-row-detail">
                  Signed by {signer.name} ({signer.role}) on {formatDateTime(signer.signedAt)}
                </p>
              ))}
            </div>
            {certificate.status === 'issued' && (
              <div className="page-actions">
                <Button
                  onPress={() => download.mutate({ certificateId: certificate.id, document: 'certificate' })}
                >
                  Download the certificate
                </Button>
                <Button
                  onPress={() => download.mutate({ certificateId: certificate.id, document: 'report' })}
                >
                  Download the report
                </Button>
                <Button onPress={() => print.mutate(certificate.id)}>
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

function ScoreSheetDownload({ caseId }: { caseId: string }) {
  const call = useCall();
  const sheet = useMutation({
    mutationFn: async () => {
      const file = await call('certificate.scoreSheet', { caseId });
      downloadPdf(file.base64, file.fileName);
    },
  });
  return (
    <section aria-labelledby="paper-heading">
      <h2 id="paper-heading">Paper score sheet</h2>
      <p>For panel members who prefer to score on paper. The lead assessor enters paper sheets afterwards.</p>
      {sheet.isError && <ErrorNotice message={sheet.error.message} />}
      <Button onPress={() => sheet.mutate()} isPending={sheet.isPending} pendingLabel="Preparing…">
        Download a blank score sheet
      </Button>
    </section>
  );
}
