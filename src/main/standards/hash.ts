import { createHash } from 'node:crypto';
import { canonicalJson, type StandardFingerprint, type Standard } from '../../shared/standard';

/** SHA-256 (lower-case hex) of the standard's canonical JSON: the same standard always gives the same hash. */
export function standardHash(standard: Standard): string {
  return createHash('sha256').update(canonicalJson(standard), 'utf8').digest('hex');
}

/** What a case records at creation so it always refers to exactly this standard. */
export function fingerprintOf(standard: Standard): StandardFingerprint {
  return { id: standard.id, version: standard.version, sha256: standardHash(standard) };
}

/** True when the standard is exactly the one the fingerprint names (same id, version and content). */
export function matchesFingerprint(standard: Standard, fingerprint: StandardFingerprint): boolean {
  return (
    standard.id === fingerprint.id &&
    standard.version === fingerprint.version &&
    standardHash(standard) === fingerprint.sha256
  );
}
