/** Shared shapes for verification results: every check carries a plain-English sentence. */

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

/** "2 March 2025" */
export function plainDate(date: Date): string {
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** "2 March 2025 at 10:05 UTC" */
export function plainDateTime(date: Date): string {
  const time = date.toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
  return `${plainDate(date)} at ${time} UTC`;
}
