/** @jsxRuntime automatic */
import { renderDocument, type RenderOptions } from '../documents';
import { FeeStatementDocument, InvoiceSummaryDocument } from './FeeDocuments';
import type { FeeStatementView, InvoiceSummaryView } from './statements';

/** The fee statement PDF for one assessor: A4 portrait, the report's typography. */
export function renderFeeStatement(view: FeeStatementView, options: RenderOptions): Promise<Buffer> {
  return renderDocument(view, options, (printable) => (
    <FeeStatementDocument view={printable} creationDate={options.creationDate} />
  ));
}

/** The invoice summary PDF for the organisation assessed. */
export function renderInvoiceSummary(view: InvoiceSummaryView, options: RenderOptions): Promise<Buffer> {
  return renderDocument(view, options, (printable) => (
    <InvoiceSummaryDocument view={printable} creationDate={options.creationDate} />
  ));
}
