import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx|mts|cts)$/.test(name) ? [full] : [];
  });
}

const importsOf = (file: string) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);

describe('the architecture', () => {
  const files = sourceFiles(join(root, 'src')).map((f) => relative(root, f));

  it('only src/main/electron (and the preload bridge) import electron', () => {
    const offenders = files.filter(
      (file) =>
        !file.startsWith('src/main/electron/') &&
        !file.startsWith('src/preload/') &&
        importsOf(join(root, file)).includes('electron'),
    );
    expect(offenders).toEqual([]);
  });

  it('src/shared imports no Node, Electron, React or process code', () => {
    const offenders = files
      .filter((file) => file.startsWith('src/shared/'))
      .flatMap((file) =>
        importsOf(join(root, file))
          .filter(
            (spec) =>
              /^(node:|electron$|react|fs$|path$|crypto$)/.test(spec ?? '') ||
              /\/(main|renderer|preload)\//.test(spec ?? ''),
          )
          .map((spec) => `${file} imports ${spec}`),
      );
    expect(offenders).toEqual([]);
  });

  it('the renderer reaches the app only through the typed client', () => {
    const offenders = files
      .filter((file) => file.startsWith('src/renderer/'))
      .flatMap((file) =>
        importsOf(join(root, file))
          .filter(
            (spec) =>
              /^(node:|electron$|fs$|path$|child_process$)/.test(spec ?? '') ||
              /\/(main|preload)\//.test(spec ?? ''),
          )
          .map((spec) => `${file} imports ${spec}`),
      );
    expect(offenders).toEqual([]);
  });
});
