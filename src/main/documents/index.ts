/** The PDF documents: certificate, assessment report and blank score sheet. */
export { renderCertificate, renderReport, renderScoreSheet } from './render';
export { FONT_FAMILY } from './fonts';
export { qrMatrix, QR_QUIET_ZONE } from './QrCode';
export { dateInWords } from './words';
export type * from './types';
