import { UserFacingError } from '../../shared/errors';
import { describeFingerprint, type StandardFingerprint, type Standard } from '../../shared/standard';
import type { CaseFile } from '../casefile';
import { findBundledStandard, matchesFingerprint } from '../standards';

const caseStandards = new Map<string, Standard>();

/**
 * The exact standard a case is assessed against: the bundled standard named by the case's
 * fingerprint, used only when its content still hashes to the recorded SHA-256 (a later edit never
 * changes an old case). INVALID_STANDARD when this copy of the app does not carry it.
 */
export async function caseStandard(caseFile: CaseFile, resourcesDir: string): Promise<Standard> {
  return standardFor(await caseFingerprint(caseFile), resourcesDir);
}

/** The bundled standard a fingerprint names (as caseStandard), for a caller that has read the fingerprint already. */
export function standardFor(fingerprint: StandardFingerprint, resourcesDir: string): Standard {
  const key = `${resourcesDir}\n${fingerprint.id}\n${fingerprint.version}\n${fingerprint.sha256}`;
  const cached = caseStandards.get(key);
  if (cached) return cached;
  const standard = findBundledStandard(resourcesDir, fingerprint.id, fingerprint.version);
  if (!standard || !matchesFingerprint(standard, fingerprint)) throw standardMissing(fingerprint);
  caseStandards.set(key, standard);
  return standard;
}

async function caseFingerprint(caseFile: CaseFile): Promise<StandardFingerprint> {
  const row = await caseFile.db
    .selectFrom('case_metadata')
    .select(['standard_id', 'standard_version', 'standard_sha256'])
    .executeTakeFirstOrThrow();
  return { id: row.standard_id, version: row.standard_version, sha256: row.standard_sha256 };
}

function standardMissing(fingerprint: StandardFingerprint): UserFacingError {
  return new UserFacingError(
    'INVALID_STANDARD',
    `This case is assessed against ${describeFingerprint(fingerprint)}, and this copy of the app does not have that exact standard. Open the case with the version of the app it was created with, or ask the scheme team for an update.`,
  );
}
