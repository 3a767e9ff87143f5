/** Time and fees (issue 14 item 4): members' claims in the case file, approval, statements, CSV. */
export {
  attachReceipt,
  awaitedReceipt,
  type AwaitedReceipt,
  approveClaim,
  claimAmounts,
  claimReceipt,
  listClaims,
  readClaims,
  recordClaim,
  type Receipt,
} from './claims';
export {
  dayTimePence,
  formatHours,
  formatMiles,
  formatPounds,
  HALF_DAY_MINUTES,
  hourlyPence,
  mileagePence,
  penceFromPounds,
  plainPounds,
  sumPence,
} from './money';
export { csvCell } from '../csv';
export {
  FEES_CSV_HEADER,
  feesCsv,
  feeStatementView,
  invoiceSummaryView,
  type FeeStatementView,
  type InvoiceSummaryView,
} from './statements';
export { renderFeeStatement, renderInvoiceSummary } from './render';
