import { useEffect, useMemo } from 'react';
import type { PdfFile } from '../../../../shared/api';
import { useRead } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { downloadPdf, pdfUrl } from '../../ui/files';

/** The certificate and report as they will be signed, side by side. */
export function CertificatePreview({ caseId }: { caseId: string }) {
  const preview = useRead('certificate.preview', { caseId });
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
