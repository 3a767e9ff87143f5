/**
 * The installers' configuration (electron-builder.yml), checked without packaging: against
 * electron-builder's own schema (app-builder-lib's validator and scheme.json, as `electron-builder`
 * runs it), and against the built app (every file the packaged app loads is included, every
 * package it imports is a production dependency). The fuses hook runs for real on a stand-in
 * binary carrying Electron's fuse wire.
 */
import { builtinModules, createRequire } from 'node:module';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { APP_ROOT } from './shell';

const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId?: string;
  /** As getConfig gives it: the patterns under `filter`. */
  files?: Array<{ filter: string[] }>;
  extraResources?: Array<{ from: string; to: string; filter: string[] }>;
  asarUnpack?: string[];
  fileAssociations?: Array<{ ext: string }>;
  afterPack?: string;
  publish?: unknown;
  npmRebuild?: boolean;
  buildDependenciesFromSource?: boolean;
  linux?: { target: string[] };
  win?: { target: string[] };
  mac?: { target: string[] };
  directories?: { buildResources?: string };
}

interface ConfigModule {
  getConfig(projectDir: string, configPath: string | null, fromOptions: null): Promise<BuilderConfig>;
  validateConfiguration(config: BuilderConfig, logger: object): Promise<void>;
}
const configModule = require('app-builder-lib/out/util/config/config') as ConfigModule;
const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => object };
// electron-builder's own matcher (app-builder-lib's minimatch), not whichever version is hoisted.
const { minimatch } = createRequire(require.resolve('app-builder-lib/package.json'))('minimatch') as {
  minimatch: (path: string, pattern: string, options?: object) => boolean;
};

const loadConfig = () => configModule.getConfig(APP_ROOT, join(APP_ROOT, 'electron-builder.yml'), null);
const packageJson = JSON.parse(readFileSync(join(APP_ROOT, 'package.json'), 'utf8')) as {
  main: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
};

/** Whether electron-builder's `files` patterns take a path (last matching pattern wins; `!` excludes). */
function packed(patterns: readonly string[], path: string): boolean {
  let included = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (minimatch(path, negated ? pattern.slice(1) : pattern, { dot: true })) included = !negated;
  }
  return included;
}

/** Every file the built app loads, following the bundles' own relative imports, and every package it imports. */
function whatTheBuiltAppLoads(): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const queue = [packageJson.main, 'out/main/backend.js', 'out/preload/index.cjs'].map((file) =>
    resolve(APP_ROOT, file),
  );
  while (queue.length > 0) {
    const file = queue.pop() as string;
    const path = relative(APP_ROOT, file);
    if (files.has(path)) continue;
    files.add(path);
    const code = readFileSync(file, 'utf8');
    const statements =
      /^\s*(?:import|export)\b[^;\n]*?\bfrom\s*"([^"]+)"|^\s*import\s*"([^"]+)"|\brequire\("([^"]+)"\)|\bimport\("([^"]+)"\)/gm;
    for (const match of code.matchAll(statements)) {
      const specifier = (match[1] ?? match[2] ?? match[3] ?? match[4]) as string;
      if (specifier.startsWith('.')) queue.push(resolve(dirname(file), specifier));
      else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier))
        packages.add(
          specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!,
        );
    }
  }
  const renderer = join(APP_ROOT, 'out', 'renderer');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name));
      else if (!entry.name.endsWith('.map')) files.add(relative(APP_ROOT, join(dir, entry.name)));
    }
  };
  walk(renderer);
  return { files, packages };
}

describe('the installers’ configuration', () => {
  it('passes electron-builder’s own schema, which does reject a misspelt option', async () => {
    const config = await loadConfig();
    await expect(configModule.validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(
      configModule.validateConfiguration(
        { ...config, fileAssociation: [] } as BuilderConfig,
        new DebugLogger(false),
      ),
    ).rejects.toThrow(/fileAssociation/);
  });

  it('builds AppImage and .deb, NSIS and dmg, with the app id, both file types and no auto-update', async () => {
    const config = await loadConfig();
    expect(config.appId).toBe('org.coproductionpanel.desktop');
    expect(config.linux?.target).toEqual(['AppImage', 'deb']);
    expect(config.win?.target).toEqual(['nsis']);
    expect(config.mac?.target).toEqual(['dmg']);
    expect(config.fileAssociations?.map((association) => association.ext)).toEqual([
      'copanel',
      'copanel-scheme',
    ]);
    expect(config.publish).toBeNull();
    expect(config.npmRebuild).toBe(true);
    expect(config.buildDependenciesFromSource).toBe(true);
    expect(packageJson.scripts.dist).toBe('node scripts/dist.mjs');
    // Nothing rebuilds the native module for Electron at install time.
    expect(Object.values(packageJson.scripts).join(' ')).not.toMatch(/install-app-deps|electron-rebuild/);
  });

  it('includes every file the packaged app loads, and every package it imports is a production dependency', async () => {
    const config = await loadConfig();
    const { files, packages } = whatTheBuiltAppLoads();
    expect(files.size).toBeGreaterThan(5);
    const patterns = (config.files ?? []).flatMap((entry) => entry.filter);
    expect(patterns).toContain('out/**/*');
    const missing = [...files, 'package.json'].filter((file) => !packed(patterns, file));
    expect(missing).toEqual([]);
    expect(packages.size).toBeGreaterThan(3);
    const notShipped = [...packages].filter(
      (name) => name !== 'electron' && !(name in packageJson.dependencies),
    );
    expect(notShipped).toEqual([]);
    // The driver's native module is unpacked from the asar archive, where it can be loaded.
    const binding = 'node_modules/better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node';
    expect(existsSync(join(APP_ROOT, binding))).toBe(true);
    expect(config.asarUnpack?.some((pattern) => minimatch(binding, pattern, { dot: true }))).toBe(true);
  });

  it('ships the resources the engine reads (fonts, standards, badges) inside the app, beside package.json', async () => {
    const config = await loadConfig();
    const patterns = (config.files ?? []).flatMap((entry) => entry.filter);
    const needed = [
      ...readdirSync(join(APP_ROOT, 'resources', 'standards')).map((name) => `resources/standards/${name}`),
      ...readdirSync(join(APP_ROOT, 'resources', 'fonts')).map((name) => `resources/fonts/${name}`),
      'resources/badges/level-1.svg',
      'resources/badges/level-2.svg',
      'resources/badges/level-3.svg',
    ];
    expect(needed.filter((file) => !packed(patterns, file))).toEqual([]);
    expect(packed(patterns, 'resources/badges/generate-badges.mjs')).toBe(false);
    expect(config.extraResources ?? []).toEqual([]);
  });

  it('has an icon drawn from the level badge, large enough for every platform', async () => {
    const config = await loadConfig();
    const icon = PNG.sync.read(
      readFileSync(join(APP_ROOT, config.directories?.buildResources ?? 'build', 'icon.png')),
    );
    expect([icon.width, icon.height]).toEqual([1024, 1024]);
    // Transparent corners, the badge's colour in it.
    expect(icon.data[3]).toBe(0);
    const middle = (512 * 1024 + 512) * 4;
    expect(icon.data[middle + 3]).toBe(255);
  });

  it('sets the Electron fuses after packing, on the binary electron-builder produced', async () => {
    const config = await loadConfig();
    const hook = require(join(APP_ROOT, config.afterPack ?? 'missing')) as (context: object) => Promise<void>;
    const { getCurrentFuseWire, FuseV1Options } = require('@electron/fuses') as {
      getCurrentFuseWire(path: string): Promise<Record<number, number>>;
      FuseV1Options: Record<string, number>;
    };
    const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
    const dir = mkdtempSync(join(tmpdir(), 'copanel-fuses-'));
    try {
      // Electron's defaults: RunAsNode, NODE_OPTIONS, inspect and file:// privileges on; the rest off.
      const wire = Buffer.from('10110001', 'latin1');
      const binary = Buffer.concat([
        randomish(4096),
        Buffer.from(SENTINEL, 'latin1'),
        Buffer.from([1, wire.length]),
        wire,
        randomish(4096),
      ]);
      writeFileSync(join(dir, 'coproduction-panel'), binary);
      copyFileSync(join(dir, 'coproduction-panel'), join(dir, 'before'));
      await hook({
        electronPlatformName: 'linux',
        arch: 1,
        appOutDir: dir,
        packager: {
          executableName: 'coproduction-panel',
          appInfo: { productFilename: 'Coproduction Panel' },
        },
      });
      const fuses = await getCurrentFuseWire(join(dir, 'coproduction-panel'));
      const on = (name: string) => fuses[FuseV1Options[name] as number] === '1'.charCodeAt(0);
      expect(on('RunAsNode')).toBe(false);
      expect(on('EnableNodeOptionsEnvironmentVariable')).toBe(false);
      expect(on('EnableNodeCliInspectArguments')).toBe(false);
      expect(on('GrantFileProtocolExtraPrivileges')).toBe(false);
      expect(on('EnableCookieEncryption')).toBe(true);
      expect(on('EnableEmbeddedAsarIntegrityValidation')).toBe(true);
      expect(on('OnlyLoadAppFromAsar')).toBe(true);
      // Only the fuse wire changed.
      const after = readFileSync(join(dir, 'coproduction-panel'));
      const before = readFileSync(join(dir, 'before'));
      const changed = [...after].flatMap((byte, index) => (byte === before[index] ? [] : [index]));
      const wireStart = 4096 + SENTINEL.length + 2;
      expect(changed.every((index) => index >= wireStart && index < wireStart + wire.length)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** Bytes that never contain the sentinel. */
function randomish(length: number): Buffer {
  return Buffer.alloc(length, 0x2e);
}
