import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Standard } from '../../shared/standard';
import { loadStandard } from './load';

export interface BundledStandardFile {
  id: string;
  version: number;
  title: string;
  file: string;
}

/**
 * The standards shipped in resources/standards: id, version and title read from each JSON file
 * (full validation happens in loadStandard). Files that are not JSON or lack these fields are skipped.
 */
export function listBundledStandards(resourcesDir: string): BundledStandardFile[] {
  const dir = join(resourcesDir, 'standards');
  let files: string[];
  try {
    files = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  return files.sort().flatMap((name) => {
    const file = join(dir, name);
    const heading = readHeading(file);
    return heading ? [{ ...heading, file }] : [];
  });
}

/** The bundled standard with this id and version, validated; undefined when none is bundled. */
export function findBundledStandard(resourcesDir: string, id: string, version: number): Standard | undefined {
  const entry = listBundledStandards(resourcesDir).find(
    (candidate) => candidate.id === id && candidate.version === version,
  );
  return entry ? loadStandard(entry.file) : undefined;
}

function readHeading(file: string): { id: string; version: number; title: string } | undefined {
  try {
    const json: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof json !== 'object' || json === null) return undefined;
    const { id, version, title } = json as Record<string, unknown>;
    if (typeof id !== 'string' || typeof version !== 'number' || typeof title !== 'string') return undefined;
    return { id, version, title };
  } catch {
    return undefined;
  }
}
