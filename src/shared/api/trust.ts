import { z } from 'zod';
import { base64, fileName, noInput } from './fields';
import { op, operations } from './operation';

/** A scheme root certificate this computer trusts when it checks certificates. */
export interface TrustedRoot {
  id: string;
  name: string;
  validFrom: string;
  validTo: string;
  fingerprint: string;
}

export const trustOperations = operations('trust', {
  'trust.list': op<TrustedRoot[]>()({
    input: noInput,
    access: 'anyone',
    effect: 'read',
    summary: 'Lists the scheme root certificates this computer trusts.',
  }),
  'trust.add': op<TrustedRoot>()({
    input: z.object({ fileName, base64 }).strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Trusts a scheme root certificate for checking certificates.',
  }),
});
