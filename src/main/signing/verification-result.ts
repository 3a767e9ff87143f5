/** Shared shapes for verification results: every check carries a plain-English sentence. */
import { dateInWords } from '../../shared/dates';

export type CheckStatus = 'passed' | 'failed' | 'not-checked';

export interface VerificationCheck<Id extends string = string> {
  id: Id;
  status: CheckStatus;
  /** One plain-English sentence saying what was found. */
  message: string;
}

export function passed<Id extends string>(id: Id, message: string): VerificationCheck<Id> {
  return { id, status: 'passed', message };
}

export function failed<Id extends string>(id: Id, message: string): VerificationCheck<Id> {
  return { id, status: 'failed', message };
}

export function notChecked<Id extends string>(id: Id, message: string): VerificationCheck<Id> {
  return { id, status: 'not-checked', message };
}

export function allPassed(checks: VerificationCheck[]): boolean {
  return checks.every((c) => c.status !== 'failed');
}

/** "2 March 2025" (in UTC; written out rather than through Intl, whose first use costs a verify ~60 ms). */
export function plainDate(date: Date): string {
  const iso = Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10);
  try {
    return dateInWords(iso);
  } catch {
    return 'an unreadable date';
  }
}

/** "2 March 2025 at 10:05 UTC" */
export function plainDateTime(date: Date): string {
  const twoDigits = (n: number) => String(n).padStart(2, '0');
  return `${plainDate(date)} at ${twoDigits(date.getUTCHours())}:${twoDigits(date.getUTCMinutes())} UTC`;
}
