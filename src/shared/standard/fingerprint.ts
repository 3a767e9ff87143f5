import { z } from 'zod';
import { STANDARD_ID_PATTERN } from './schema';

/**
 * The standard's fingerprint, which a case file records when it is created: the exact id, version
 * and the SHA-256 (hex) of the standard's canonical JSON, so a later edit of the standard never
 * changes an old case. The hash itself is computed in src/main/standards (standardHash).
 * (Not to be confused with a panel member's PIN.)
 */
export const standardFingerprintSchema = z
  .object({
    id: z.string().regex(STANDARD_ID_PATTERN),
    version: z.number().int().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

export type StandardFingerprint = z.infer<typeof standardFingerprintSchema>;

export function describeFingerprint(fingerprint: StandardFingerprint): string {
  return `${fingerprint.id} version ${fingerprint.version} (fingerprint ${fingerprint.sha256.slice(0, 12)})`;
}
