import { registerStatus } from '../../../src/main/register';
import type { RegisterEntry } from '../../../src/shared/api';

export const REGISTER_DATES = {
  decisionDate: '2025-11-03',
  interimReviewDue: '2027-05-03',
  validUntil: '2028-11-02',
};

type StatusFacts = Parameters<typeof registerStatus>[0];

/**
 * A fictional certificate's register entry, its status as on `today`: from its dates and
 * conditions, and from `statusFacts` where a test gives events or other facts for the status alone.
 */
export function registerEntryOn(
  today: string,
  options: {
    conditions?: RegisterEntry['conditions'];
    contact?: RegisterEntry['contact'];
    statusFacts?: Partial<StatusFacts>;
  } = {},
): RegisterEntry {
  const conditions = options.conditions ?? [];
  return {
    certificateNumber: 'CPS-2025-0A1B2C3D',
    organisation: 'Riverside Mind (fictional)',
    level: 2,
    ...REGISTER_DATES,
    standardVersion: null,
    signers: [],
    auditHead: null,
    qrSignerKeyId: '00',
    qrSignerPublicKey: 'AA',
    pdfSha256: 'ab'.repeat(32),
    source: 'certificate_pdf',
    importedAt: '2025-11-03T10:00:00.000Z',
    events: [],
    conditions,
    contact: options.contact ?? null,
    status: registerStatus({ ...REGISTER_DATES, conditions, events: [], ...options.statusFacts }, today),
  };
}
