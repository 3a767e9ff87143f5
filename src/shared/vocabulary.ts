/**
 * The words every part of the app shares, defined once: the roles on a panel, the kinds of
 * evidence and whether a quoted person gave permission. The contract, the case file's schema, the
 * documents and the screens all use these.
 */

/** The roles a panel member can hold. */
export const MEMBER_ROLES = ['lead', 'assessor', 'co_assessor', 'observer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** The roles that score criteria (an observer watches and does not score). */
export const SCORING_ROLES = ['lead', 'assessor', 'co_assessor'] as const satisfies readonly MemberRole[];

/** Each role in plain words, as the screens and the documents name it. */
export const ROLE_NAMES: Record<MemberRole, string> = {
  lead: 'Lead assessor',
  assessor: 'Assessor (Expert by Experience)',
  co_assessor: 'Co-assessor (professional)',
  observer: 'Observer',
};

/** What a piece of evidence is. */
export const EVIDENCE_KINDS = ['document', 'interview', 'observation', 'survey', 'other'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** Whether the person quoted in a piece of evidence gave permission for the quote to be used (I Statement 6). */
export const CONSENT_STATUSES = ['not_needed', 'given', 'refused'] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
