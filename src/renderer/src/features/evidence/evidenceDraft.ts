import type { ConsentStatus, EvidenceItem, EvidenceKind } from '../../../../shared/api';
import { isIsoDate } from '../../../../shared/scoring';
import type { FieldErrors } from '../../ui/formSupport';

/** What the evidence form holds while someone is typing (the date as typed, '' for none). */
export interface EvidenceDraft {
  title: string;
  kind: EvidenceKind;
  source: string;
  date: string;
  criteria: string[];
  consent: ConsentStatus;
  quote: string;
  notes: string;
}

const EMPTY: EvidenceDraft = {
  title: '',
  kind: 'document',
  source: '',
  date: '',
  criteria: [],
  consent: 'not_needed',
  quote: '',
  notes: '',
};

export const EVIDENCE_FIELD_LABELS: Record<string, string> = {
  title: 'Title',
  kind: 'Kind of evidence',
  source: 'Source',
  date: 'Date',
  criteria: 'Criteria it supports',
  consent: 'Consent to quote',
  quote: 'Quote',
  notes: 'Notes',
};

/** Checks what the person can fix before anything is sent. The server checks everything again. */
export function checkEvidenceDraft(draft: EvidenceDraft): FieldErrors {
  const errors: FieldErrors = {};
  if (!draft.title.trim()) errors.title = 'Give the evidence a title.';
  const date = draft.date.trim();
  if (date && !isIsoDate(date)) errors.date = 'Write the date as year-month-day, for example 2026-03-14.';
  return errors;
}

export function draftFrom(item: EvidenceItem | undefined): EvidenceDraft {
  if (!item) return EMPTY;
  return {
    title: item.title,
    kind: item.kind,
    source: item.source,
    date: item.date ?? '',
    criteria: item.criteria,
    consent: item.consent,
    quote: item.quote,
    notes: item.notes,
  };
}
