import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mergeRegister, searchRegister } from '../../../src/main/register';
import { createSchemeFile, openSchemeFile, type SchemeFile } from '../../../src/main/scheme';
import { readSchemeRootsFromInput } from '../../../src/main/certificates';
import { APP_VERSION, expectUserError, makeTempDir } from '../casefile/support';
import { copanel } from '../certificates/support';
import { certificatesOf, schemeOffice, writeSignedRegister, type SchemeOffice } from './offices';

/**
 * Merging registers from several scheme offices (issue 15 item 8): another office's signed register
 * is merged into a real encrypted scheme file only when its signature is that office's root's and
 * the file is unchanged; certificates are added once by number; conflicts are listed, never
 * overwritten; everything is audited.
 */

const temp = makeTempDir('copanel-register-merge-');
afterAll(() => temp.cleanup());

const PASSPHRASE = 'juniper-lattice-ember-salmon-quiver';
const OFFICE = 'Mo Reyes';
const TODAY = '2026-06-01';
const NOW = new Date(`${TODAY}T12:00:00Z`);

let west: SchemeOffice;
let east: SchemeOffice;
let westFiles: { json: string; signature: string; rootPem: string };

async function newSchemeFile(name: string): Promise<string> {
  const path = join(temp.dir, `${name}.copanel-scheme`);
  const scheme = await createSchemeFile({
    path,
    schemeName: 'Northfield Kitemark Scheme (fictional)',
    passphrase: PASSPHRASE,
    appVersion: APP_VERSION,
    createdBy: OFFICE,
  });
  await scheme.close();
  return path;
}

async function withScheme<T>(path: string, work: (scheme: SchemeFile) => Promise<T>): Promise<T> {
  const scheme = await openSchemeFile({ path, passphrase: PASSPHRASE, appVersion: APP_VERSION });
  try {
    return await work(scheme);
  } finally {
    await scheme.close();
  }
}

function mergeInput(files: { json: string; signature: string }, rootPem: string) {
  return {
    json: readFileSync(files.json),
    signature: readFileSync(files.signature),
    trustedRoots: readSchemeRootsFromInput(readFileSync(rootPem)),
    actor: OFFICE,
    now: NOW,
  };
}

beforeAll(async () => {
  west = await schemeOffice('Western Kitemark Office (fictional)');
  east = await schemeOffice('Eastern Kitemark Office (fictional)');
  westFiles = await writeSignedRegister(
    west,
    certificatesOf(120, { organisations: 40, prefix: 'WKO', lastDecision: '2026-05-01', signer: west.root }),
    join(temp.dir, 'west'),
    NOW,
  );
}, 60_000);

describe('merging another scheme office’s register', () => {
  it('adds its certificates once by number, with their history, and audits the merge', async () => {
    const path = await newSchemeFile('merge-adds');
    await withScheme(path, async (scheme) => {
      const merged = await mergeRegister(scheme, mergeInput(westFiles, westFiles.rootPem));
      expect(merged).toMatchObject({ from: west.name, added: 120, alreadyHere: 0, conflicts: [] });
      const again = await mergeRegister(scheme, mergeInput(westFiles, westFiles.rootPem));
      expect(again).toMatchObject({ added: 0, alreadyHere: 120, conflicts: [] });

      const all = await searchRegister(scheme, { today: TODAY });
      expect(all.total).toBe(120);
      const withdrawn = all.entries.find((entry) => entry.certificateNumber.endsWith('00000005'))!;
      expect(withdrawn.status.state).toBe('revoked');
      expect(withdrawn.mergedFrom).toContain(west.name);
      expect(withdrawn.events[0]).toMatchObject({ kind: 'revoked', recordedBy: west.name });

      const actions = (await scheme.db.selectFrom('audit_log').select('action').execute()).map(
        (a) => a.action,
      );
      expect(actions.filter((action) => action === 'register.merged')).toHaveLength(2);
      expect(actions.filter((action) => action === 'register.certificate_merged')).toHaveLength(120);
      expect((await scheme.verifyAuditChain()).ok).toBe(true);
    });
  });

  it('refuses a register signed by another root than the one trusted, and changes nothing', async () => {
    const path = await newSchemeFile('merge-wrong-root');
    const eastRoot = join(temp.dir, 'east-root.pem');
    writeFileSync(eastRoot, east.root.certificatePem);
    await withScheme(path, async (scheme) => {
      const refused = await expectUserError(mergeRegister(scheme, mergeInput(westFiles, eastRoot)));
      expect(refused.code).toBe('REGISTER_NOT_GENUINE');
      expect(refused.message).toContain('not signed by the scheme root you trust');
      expect((await searchRegister(scheme, { today: TODAY })).total).toBe(0);
    });
  });

  it('refuses a register changed after it was signed', async () => {
    const path = await newSchemeFile('merge-tampered');
    const json = readFileSync(westFiles.json);
    const at = json.indexOf('"level": 2');
    const tampered = join(temp.dir, 'tampered.json');
    writeFileSync(
      tampered,
      Buffer.concat([json.subarray(0, at), Buffer.from('"level": 3'), json.subarray(at + 10)]),
    );
    await withScheme(path, async (scheme) => {
      const refused = await expectUserError(
        mergeRegister(
          scheme,
          mergeInput({ json: tampered, signature: westFiles.signature }, westFiles.rootPem),
        ),
      );
      expect(refused.message).toContain('changed after the scheme signed it');
      expect((await searchRegister(scheme, { today: TODAY })).total).toBe(0);
    });
  });

  it('lists a certificate whose facts differ as a conflict and keeps what is here (CLI, exit code 1)', async () => {
    const path = await newSchemeFile('merge-conflict');
    await withScheme(path, (scheme) => mergeRegister(scheme, mergeInput(westFiles, westFiles.rootPem)));
    // The eastern office lists two of the same numbers: one with another level, one identical.
    const western = certificatesOf(2, {
      organisations: 40,
      prefix: 'WKO',
      lastDecision: '2026-05-01',
      signer: west.root,
    });
    const changed = { ...western[1]!, level: western[1]!.level === 3 ? 1 : western[1]!.level + 1 };
    const eastFiles = await writeSignedRegister(
      east,
      [
        western[0]!,
        changed,
        ...certificatesOf(3, {
          organisations: 3,
          prefix: 'EKO',
          lastDecision: '2026-01-15',
          signer: east.root,
        }),
      ],
      join(temp.dir, 'east'),
      NOW,
    );
    const run = await copanel(
      ['register', 'merge', path, eastFiles.json, '--trust', eastFiles.rootPem, '--by', OFFICE],
      { COPANEL_SCHEME_FILE_PASSPHRASE: PASSPHRASE },
    );
    expect(run.code).toBe(1);
    expect(run.out).toContain('3 certificate(s) added, 1 already here, 1 conflict(s)');
    expect(run.out).toContain(
      `CONFLICT ${changed.certificateNumber} (left as it is here): level: here ${western[1]!.level}, theirs ${changed.level}`,
    );
    await withScheme(path, async (scheme) => {
      const kept = await searchRegister(scheme, { today: TODAY, query: changed.certificateNumber });
      expect(kept.entries.map((entry) => entry.level)).toEqual([western[1]!.level]);
      const merges = await scheme.db
        .selectFrom('audit_log')
        .select(['actor', 'action'])
        .where('action', '=', 'register.merged')
        .execute();
      expect(merges).toEqual([
        { actor: OFFICE, action: 'register.merged' },
        { actor: OFFICE, action: 'register.merged' },
      ]);
      expect((await scheme.verifyAuditChain()).ok).toBe(true);
    });
  });
});
