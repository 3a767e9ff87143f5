/** The evidence register and its attached files. */
export {
  addEvidence,
  editEvidence,
  getEvidence,
  listEvidence,
  pageEvidence,
  quoteForReport,
  removeEvidence,
  type EvidencePageRequest,
} from './register';
export {
  attachFile,
  attachmentInfo,
  removeAttachedFile,
  saveAttachmentCopy,
  type AttachedFile,
} from './attachments';
export { viewAttachmentPart } from './viewing';
