import { z } from 'zod';
import { STANDARD_ID_PATTERN } from './schema';

/**
 * What a case file records about its standard when it is created: the exact id, version and the
 * SHA-256 (hex) of the standard's canonical JSON, so a later edit of the standard never changes an
 * old case. The hash itself is computed in src/main/standards (standardHash).
 */
export const standardPinSchema = z
  .object({
    id: z.string().regex(STANDARD_ID_PATTERN),
    version: z.number().int().min(1),
    sha256: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

export type StandardPin = z.infer<typeof standardPinSchema>;

export function describePin(pin: StandardPin): string {
  return `${pin.id} version ${pin.version} (fingerprint ${pin.sha256.slice(0, 12)})`;
}
