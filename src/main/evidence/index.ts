/** The evidence register and its attached files. */
export {
  addEvidence,
  editEvidence,
  getEvidence,
  listEvidence,
  quoteForReport,
  removeEvidence,
} from './register';
export {
  attachFile,
  attachmentInfo,
  removeAttachedFile,
  saveAttachmentCopy,
  type AttachedFile,
} from './attachments';
