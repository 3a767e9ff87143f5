import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CommandIo } from '../../../src/main/cli/command';
import {
  bundleFile,
  codeCacheFile,
  primeCodeCache,
  readCodeCache,
  runPrebuilt,
} from '../../../src/main/cli/prebuilt';

/**
 * The code cache a prebuilt command runs with (src/main/cli/prebuilt.ts) is used only when it is
 * certainly the cache of the source beside it. V8 itself checks little more than the source's
 * length, so a cache kept for a different source of the same length would run the old code:
 * these bundles differ only in one digit, and each run must answer with its own.
 */

let dir: string;
const io: CommandIo = { args: [], out: () => {}, err: () => {}, env: {} };

/** A bundle whose command exits with `code`; every version has the same length. */
function writeBundle(code: number): void {
  writeFileSync(
    bundleFile(dir, 'verify'),
    `"use strict";\nexports.run = async function run(io) { const answer = ${code}; return answer; };\n`,
  );
}

const run = () => runPrebuilt(dir, 'verify', io, () => Promise.resolve(-1));

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'copanel-prebuilt-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('a prebuilt command’s code cache', () => {
  it('is primed, then replaced by a warm one after the first run that succeeds', async () => {
    writeBundle(0);
    primeCodeCache(dir, 'verify');
    const primed = readFileSync(codeCacheFile(dir, 'verify'));
    expect(JSON.parse(primed.toString('utf8', 0, primed.indexOf(0x0a)))).toMatchObject({
      format: 1,
      warm: false,
    });
    expect(await run()).toBe(0);
    const warm = readFileSync(codeCacheFile(dir, 'verify'));
    expect(JSON.parse(warm.toString('utf8', 0, warm.indexOf(0x0a)))).toMatchObject({ warm: true });
    expect(await run()).toBe(0);
  });

  it('is not used for a changed source of the same length: the new code runs', async () => {
    writeBundle(0);
    expect(await run()).toBe(0);
    writeBundle(1);
    expect(await run()).toBe(1);
    writeBundle(0);
    expect(await run()).toBe(0);
  });

  it('is not used when damaged, cut short, or made by another Node; the command still runs and the cache is rewritten', async () => {
    writeBundle(0);
    expect(await run()).toBe(0);
    const cacheFile = codeCacheFile(dir, 'verify');
    const good = readFileSync(cacheFile);
    const headerEnd = good.indexOf(0x0a);
    const source = readFileSync(bundleFile(dir, 'verify'));
    const sourceSha256 = createHash('sha256').update(source).digest('hex');
    expect(readCodeCache(cacheFile, sourceSha256)).toBeDefined();

    const flipped = Buffer.from(good);
    flipped[headerEnd + 40] ^= 0x01;
    const otherNode = Buffer.concat([
      Buffer.from(good.toString('utf8', 0, headerEnd).replace(process.version, 'v0.0.0')),
      good.subarray(headerEnd),
    ]);
    for (const damaged of [
      flipped,
      good.subarray(0, good.length - 100),
      otherNode,
      Buffer.from('not a cache'),
    ]) {
      writeFileSync(cacheFile, damaged);
      expect(readCodeCache(cacheFile, sourceSha256)).toBeUndefined();
      expect(await run()).toBe(0);
      expect(readCodeCache(cacheFile, sourceSha256)).toBeDefined();
    }
  });

  it('is simply not kept where it cannot be written, and leaves nothing behind', async () => {
    writeBundle(0);
    // A folder where the cache would go: it can be neither read nor replaced (as root too).
    mkdirSync(join(codeCacheFile(dir, 'verify'), 'in-the-way'), { recursive: true });
    expect(await run()).toBe(0);
    expect(await run()).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['verify.cjs', 'verify.v8-cache']);
  });

  it('runs the command as modules when there is no bundle, or a damaged one (noting why in the error log)', async () => {
    expect(await run()).toBe(-1);
    writeFileSync(bundleFile(dir, 'verify'), 'exports.run = async function ( {');
    const userData = join(dir, 'user-data');
    expect(
      await runPrebuilt(dir, 'verify', { ...io, env: { COPANEL_USER_DATA: userData } }, () =>
        Promise.resolve(-1),
      ),
    ).toBe(-1);
    expect(readdirSync(userData).length).toBeGreaterThan(0);
  });
});
