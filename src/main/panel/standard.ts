import type { Standard } from '../../shared/standard/schema';
import { UserFacingError } from '../../shared/errors';
import { describeFingerprint, type StandardFingerprint } from '../../shared/standard/fingerprint';
import type { CaseFile } from '../casefile/case-file';
import {
  findBundledStandard,
  listBundledStandards,
  loadStandard,
  matchesFingerprint,
  standardHash,
} from '../standards';

/**
 * The exact standard a case is assessed against: the bundled standard named by the case's fingerprint,
 * used only when its content still hashes to the pinned SHA-256 (a later edit never changes an old case).
 */
const caseStandardCache = new Map<string, Standard>();

export async function caseStandard(caseFile: CaseFile, resourcesDir: string): Promise<Standard> {
  const fingerprint = await caseFingerprint(caseFile);
  const key = `${resourcesDir}\n${fingerprint.id}\n${fingerprint.version}\n${fingerprint.sha256}`;
  const cached = caseStandardCache.get(key);
  if (cached) return cached;
  const standard = findBundledStandard(resourcesDir, fingerprint.id, fingerprint.version);
  if (!standard || !matchesFingerprint(standard, fingerprint)) throw standardMissing(fingerprint);
  caseStandardCache.set(key, standard);
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

export interface StandardSummary {
  id: string;
  version: number;
  title: string;
  sha256: string;
}

const summaryCache = new Map<string, StandardSummary>();

/** The standards that come with the app, each with the fingerprint a case records. */
export function bundledStandardSummaries(resourcesDir: string): StandardSummary[] {
  return listBundledStandards(resourcesDir).map((entry) => {
    const cached = summaryCache.get(entry.file);
    if (cached) return cached;
    const summary = summarise(loadStandard(entry.file));
    summaryCache.set(entry.file, summary);
    return summary;
  });
}

export function summarise(standard: Standard): StandardSummary {
  return {
    id: standard.id,
    version: standard.version,
    title: standard.title,
    sha256: standardHash(standard),
  };
}
