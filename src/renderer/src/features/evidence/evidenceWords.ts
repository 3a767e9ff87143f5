import type { ConsentStatus, EvidenceKind } from '../../../../shared/api';

/** What each kind of evidence is called on screen. */
export const KIND_NAMES: Record<EvidenceKind, string> = {
  document: 'Document',
  interview: 'Conversation or interview',
  observation: 'Observation',
  survey: 'Survey results',
  other: 'Something else',
};

/** Consent to quote, in words (with a symbol that is never the only cue). */
export const CONSENT_WORDS: Record<ConsentStatus, { symbol: string; short: string; explanation: string }> = {
  not_needed: { symbol: '–', short: 'Not needed', explanation: 'There is no quote from a person.' },
  given: { symbol: '✓', short: 'Consent given', explanation: 'The quote may appear in the report.' },
  refused: { symbol: '✗', short: 'Consent refused', explanation: 'The quote is never shown in the report.' },
};
