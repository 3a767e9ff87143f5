/** The PDF documents: certificate, assessment report and blank score sheet. */
export type { RegisterListRow, RegisterListView } from './RegisterList';
export { renderReminderLetter, type ReminderLetterView } from './ReminderLetter';
export {
  renderCertificate,
  renderDocument,
  renderRegisterList,
  renderReport,
  renderScoreSheet,
} from './render';
export { base, colours, sizes } from './theme';
export { PageFooter, SectionHeading, SubHeading } from './parts';
export { BUNDLED_FAMILIES, documentFontCoverage } from './fonts';
export {
  firstUnprintable,
  printableText,
  printableView,
  requirePrintableName,
  type NamePlace,
} from './printable';
export { loadBadgeArtwork } from './LevelBadge';
export { qrMatrix } from './QrCode';
export { dateInWords } from './words';
export type * from './types';
