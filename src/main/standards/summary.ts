import type { StandardSummary } from '../../shared/api';
import type { Standard } from '../../shared/standard';
import { listBundledStandards } from './bundled';
import { standardHash } from './hash';
import { loadStandard } from './load';

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
