import type { Standard } from '../../shared/standard/schema';
import { UserFacingError } from '../../shared/errors';
import { describePin, type StandardPin } from '../../shared/standard/pin';
import type { CaseFile } from '../casefile/case-file';
import {
  findBundledStandard,
  listBundledStandards,
  loadStandard,
  matchesPin,
  standardHash,
} from '../standards';

/**
 * The exact standard a case is assessed against: the bundled standard named by the case's pin,
 * used only when its content still hashes to the pinned SHA-256 (a later edit never changes an old case).
 */
const pinnedCache = new Map<string, Standard>();

export async function pinnedStandard(caseFile: CaseFile, resourcesDir: string): Promise<Standard> {
  const pin = await casePin(caseFile);
  const key = `${resourcesDir}\n${pin.id}\n${pin.version}\n${pin.sha256}`;
  const cached = pinnedCache.get(key);
  if (cached) return cached;
  const standard = findBundledStandard(resourcesDir, pin.id, pin.version);
  if (!standard || !matchesPin(standard, pin)) throw standardMissing(pin);
  pinnedCache.set(key, standard);
  return standard;
}

async function casePin(caseFile: CaseFile): Promise<StandardPin> {
  const row = await caseFile.db
    .selectFrom('case_metadata')
    .select(['standard_id', 'standard_version', 'standard_sha256'])
    .executeTakeFirstOrThrow();
  return { id: row.standard_id, version: row.standard_version, sha256: row.standard_sha256 };
}

function standardMissing(pin: StandardPin): UserFacingError {
  return new UserFacingError(
    'INVALID_STANDARD',
    `This case is assessed against ${describePin(pin)}, and this copy of the app does not have that exact standard. Open the case with the version of the app it was created with, or ask the scheme team for an update.`,
  );
}

export interface StandardSummary {
  id: string;
  version: number;
  title: string;
  sha256: string;
}

const summaryCache = new Map<string, StandardSummary>();

/** The standards that come with the app, each with the fingerprint a case pins. */
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
