import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type ApiContext, type Capabilities, clientContext, invoke } from '../../../src/main/api';
import { CaseRegistry, fileVault, type OsEncryption } from '../../../src/main/casefile';
import { nodeRuntime } from '../../../src/main/runtime';
import { makeTempDir, PASSPHRASE } from './support';

/**
 * Everything the app writes outside case files (the user data folder: settings, the recent files
 * list, remembered passphrases; the workspace: locks, copies) must not give away which
 * organisation is being assessed. A marker name is put through a real flow, and every file in
 * both folders is searched for it.
 */
const MARKER = 'Zebrafinch Marker Trust 7731';
const temp = makeTempDir('copanel-outside-');
afterAll(() => temp.cleanup());

function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .map((name) => join(folder, name))
    .filter((path) => statSync(path).isFile());
}

/** Where the marker appears in any file under the folders, in any of the usual text encodings. */
function filesMentioning(folders: string[], text: string): string[] {
  const needles = [text, text.toLowerCase(), text.toUpperCase()].flatMap((variant) => [
    Buffer.from(variant, 'utf8'),
    Buffer.from(variant, 'utf16le'),
    Buffer.from(encodeURIComponent(variant), 'utf8'),
    Buffer.from(JSON.stringify(variant).slice(1, -1), 'utf8'),
  ]);
  return folders.flatMap(filesUnder).filter((path) => {
    const bytes = readFileSync(path);
    return needles.some((needle) => bytes.includes(needle));
  });
}

/** The operating system's protection as the desktop app has it (safeStorage): AES-GCM with a key only this process knows. */
function osEncryption(): OsEncryption {
  const key = randomBytes(32);
  return {
    isAvailable: () => true,
    encrypt: (text) => {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decrypt: (data) => {
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
      decipher.setAuthTag(data.subarray(12, 28));
      return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

/** What browser mode and the desktop app can do (src/main/web, src/main/electron). */
const BROWSER_PAGE: Capabilities = { localFiles: false, appSettings: true };
function desktop(userData: string, protection: OsEncryption): Capabilities {
  return { localFiles: true, appSettings: true, passphraseVault: fileVault(userData, protection) };
}

/** A real flow through the dispatcher: create, close, reopen, add evidence, save a copy, close. */
async function runFlow(ctx: ApiContext, options: { rememberPassphrase?: boolean } = {}): Promise<void> {
  const created = await invoke(
    'case.create',
    {
      fileName: 'assessment-7',
      organisationName: MARKER,
      passphrase: PASSPHRASE,
      leadName: 'Asha Patel',
      leadPin: '2468',
    },
    ctx,
  );
  await invoke('case.close', { caseId: created.caseId }, ctx);
  const opened = await invoke(
    'case.open',
    { path: created.path, passphrase: PASSPHRASE, rememberPassphrase: options.rememberPassphrase },
    ctx,
  );
  expect(opened.organisation.name).toBe(MARKER);
  const [lead] = await invoke('panel.list', { caseId: opened.caseId }, ctx);
  await invoke('panel.signIn', { caseId: opened.caseId, memberId: lead!.id, pin: '2468' }, ctx);
  await invoke(
    'evidence.add',
    {
      caseId: opened.caseId,
      evidence: {
        title: `${MARKER} annual report`,
        kind: 'document',
        source: MARKER,
        date: '2026-03-14',
        criteria: ['S1.1'],
        consent: 'not_needed',
        quote: '',
        notes: `Notes about ${MARKER}`,
      },
    },
    ctx,
  );
  await invoke('case.saveCopy', { caseId: opened.caseId, fileName: 'assessment-7-copy' }, ctx);
  await invoke('case.close', { caseId: opened.caseId }, ctx);
}

describe('what the app writes outside case files', () => {
  it('browser mode: the recent files list keeps the path only, and no file outside the case files names the organisation', async () => {
    const userData = join(temp.dir, 'browser', 'user-data');
    const workspace = join(temp.dir, 'browser', 'workspace');
    const runtime = nodeRuntime('browser', { userDataDir: userData, workspaceDir: workspace });
    const ctx = clientContext(runtime, new CaseRegistry({ userDataDir: userData }), BROWSER_PAGE);
    await runFlow(ctx);

    const recent = await invoke('case.recent', {}, ctx);
    expect(recent).toHaveLength(1);
    expect(recent[0]).toMatchObject({
      path: join(workspace, 'assessment-7.copanel'),
      fileName: 'assessment-7.copanel',
      organisationName: null,
      exists: true,
    });
    expect(filesUnder(userData).map((path) => path.slice(userData.length + 1))).toContain(
      'recent-case-files.json',
    );
    expect(filesMentioning([userData, workspace], MARKER)).toEqual([]);
  });

  it('desktop app: the organisation’s name is kept only encrypted by the operating system, and still shown', async () => {
    const userData = join(temp.dir, 'desktop', 'user-data');
    const workspace = join(temp.dir, 'desktop', 'workspace');
    const runtime = nodeRuntime('electron', { userDataDir: userData, workspaceDir: workspace });
    const protection = osEncryption();
    const ctx = clientContext(
      runtime,
      new CaseRegistry({ userDataDir: userData, labelProtection: protection }),
      desktop(userData, protection),
    );
    await runFlow(ctx, { rememberPassphrase: true });
    expect(filesUnder(userData).length).toBeGreaterThan(1); // the remembered passphrase too

    const recent = await invoke('case.recent', {}, ctx);
    expect(recent.map((file) => [file.fileName, file.organisationName])).toEqual([
      ['assessment-7.copanel', MARKER],
    ]);
    expect(filesMentioning([userData, workspace], MARKER)).toEqual([]);

    // Another computer (or the operating system's key gone) sees the path only.
    const other = osEncryption();
    const elsewhere = clientContext(
      runtime,
      new CaseRegistry({ userDataDir: userData, labelProtection: other }),
      desktop(userData, other),
    );
    expect((await invoke('case.recent', {}, elsewhere)).map((file) => file.organisationName)).toEqual([null]);
  });

  it('a list written by an earlier version, with names in plain text, loses the names the next time it is read', async () => {
    const userData = join(temp.dir, 'earlier', 'user-data');
    const runtime = nodeRuntime('browser', {
      userDataDir: userData,
      workspaceDir: join(temp.dir, 'earlier', 'ws'),
    });
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(userData, { recursive: true });
    writeFileSync(
      join(userData, 'recent-case-files.json'),
      JSON.stringify({
        version: 1,
        files: [
          { path: '/cases/a.copanel', organisationName: MARKER, lastOpenedAt: '2026-01-01T00:00:00.000Z' },
        ],
      }),
    );
    const ctx = clientContext(runtime, new CaseRegistry({ userDataDir: userData }), BROWSER_PAGE);
    expect(await invoke('case.recent', {}, ctx)).toMatchObject([
      { path: '/cases/a.copanel', organisationName: null },
    ]);
    expect(filesMentioning([userData], MARKER)).toEqual([]);
  });
});
