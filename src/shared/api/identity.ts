import { z } from 'zod';
import { base64, fileName, noInput, password, recordId } from './fields';
import { op, operations } from './operation';

/** An assessor's signing identity (a PKCS#12 file issued by the scheme), imported on this computer. */
export interface AssessorIdentity {
  id: string;
  name: string;
  role: string;
  serialNumber: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** SHA-256 of the certificate, hex, for people to compare. */
  fingerprint: string;
}

export const identityOperations = operations('identity', {
  'identity.list': op<AssessorIdentity[]>()({
    input: noInput,
    access: 'anyone',
    effect: 'read',
    summary: 'Lists the assessor signing identities imported on this computer.',
  }),
  'identity.import': op<AssessorIdentity>()({
    input: z.object({ fileName, base64, password }).strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Imports an assessor’s signing identity (a PKCS#12 file from the scheme).',
  }),
  'identity.remove': op<{ removed: true }>()({
    input: z.object({ identityId: recordId }).strict(),
    access: 'anyone',
    effect: 'change',
    summary: 'Removes a signing identity from this computer.',
  }),
});
