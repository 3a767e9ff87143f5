import { z } from 'zod';
import type { Standard } from '../standard';
import { caseId, noInput } from './fields';
import { op, operations } from './operation';

/** A standard with the fingerprint a case records (SHA-256 of its canonical JSON). */
export interface StandardSummary {
  id: string;
  version: number;
  title: string;
  sha256: string;
}

export const standardOperations = operations('standard', {
  'standard.list': op<StandardSummary[]>()({
    input: noInput,
    access: 'anyone',
    effect: 'read',
    summary: 'Lists the standards that come with the app.',
  }),
  'standard.forCase': op<Standard>()({
    input: z.object({ caseId }).strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Shows the exact standard this case is assessed against.',
  }),
  'standard.check': op<StandardSummary>()({
    input: z.object({ content: z.string().min(1).max(2_000_000) }).strict(),
    access: 'anyone',
    effect: 'read',
    summary: 'Checks a standard file and reports every problem in it.',
  }),
});
