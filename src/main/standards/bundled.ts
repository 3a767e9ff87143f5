import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BundledStandardFile {
  id: string;
  version: number;
  title: string;
  file: string;
}

/** The standards shipped in resources/standards (full validation lives in src/shared/standard). */
export function listBundledStandards(resourcesDir: string): BundledStandardFile[] {
  const dir = join(resourcesDir, 'standards');
  let files: string[];
  try {
    files = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  return files.sort().map((name) => {
    const file = join(dir, name);
    const json = JSON.parse(readFileSync(file, 'utf8')) as { id: string; version: number; title: string };
    return { id: json.id, version: json.version, title: json.title, file };
  });
}
