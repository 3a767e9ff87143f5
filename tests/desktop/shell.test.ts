/**
 * The desktop shell as built (out/main, out/preload), run under Node against the recording
 * stand-in for electron, with the real engine (out/main/backend.js) in a forked child and real
 * encrypted case files. See the README's "Desktop app" for what this proves and what it cannot.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APP_INDEX_URL, APP_ORIGIN } from '../../src/main/electron';
import { buildDemoAssessment, DEMO_ORGANISATION, DEMO_PANEL } from '../../src/main/demo';
import { nodeRuntime } from '../../src/main/runtime';
import {
  CONNECT_CHANNEL,
  ENGINE_GONE,
  ENGINE_STOPPED,
  OPERATION_NAMES,
  PORT_CHANNEL,
  SAVE_DIALOG_CHANNEL,
  type CopanelBridge,
  type Result,
} from '../../src/shared/api';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/security';
import { BUILT_PRELOAD, launchDesktopApp, until, type DesktopShell } from './shell';
import { preventableEvent } from './stand-in/electron';
import { expectWindowFollowsChecklist } from './window-checklist';

const PASSPHRASE = 'lantern-meadow-quartz-harbor-violin';
let demoDir: string;
let demoCase: string;

beforeAll(async () => {
  demoDir = mkdtempSync(join(tmpdir(), 'copanel-desktop-demo-'));
  const demo = await buildDemoAssessment({
    outDir: demoDir,
    passphrase: PASSPHRASE,
    runtime: nodeRuntime('cli'),
  });
  demoCase = demo.caseFile;
});
afterAll(() => rmSync(demoDir, { recursive: true, force: true }));

/** A call that must succeed, through the page's bridge. */
async function call<T>(bridge: CopanelBridge, name: string, input: unknown): Promise<T> {
  const result = (await bridge.call(name as never, input as never)) as Result<T>;
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/** Opens the demo case through the bridge and signs the lead in. */
async function openDemoAsLead(bridge: CopanelBridge, rememberPassphrase = false): Promise<string> {
  const opened = await call<{ caseId: string }>(bridge, 'case.open', {
    path: demoCase,
    passphrase: PASSPHRASE,
    rememberPassphrase,
  });
  const members = await call<Array<{ id: string; name: string }>>(bridge, 'panel.list', {
    caseId: opened.caseId,
  });
  const lead = members.find((member) => member.name === DEMO_PANEL.lead.name);
  await call(bridge, 'panel.signIn', { caseId: opened.caseId, memberId: lead?.id, pin: DEMO_PANEL.lead.pin });
  return opened.caseId;
}

async function withShell(run: (shell: DesktopShell) => Promise<void>, options = {}): Promise<void> {
  const shell = await launchDesktopApp(options);
  try {
    await run(shell);
  } finally {
    await shell.quit();
  }
}

describe('the window', () => {
  it('is isolated, sandboxed and without Node, and shows the app from app://', () =>
    withShell(async (shell) => {
      const { webPreferences } = shell.window().options;
      expectWindowFollowsChecklist(webPreferences, 'the app’s window');
      expect(webPreferences?.preload).toBe(BUILT_PRELOAD);
      expect(shell.recording.sandboxEnabled).toBe(true);
      expect(shell.window().webContents.mainFrame.url).toBe(APP_INDEX_URL);
      expect(shell.window().webContents.loadedBytes?.toString('utf8')).toContain('<div id="root">');
      // The preload exposed exactly one object to the page.
      expect(Object.keys(shell.page().exposed)).toEqual(['copanel']);
    }));

  it('serves every app:// response with the Content Security Policy, and nothing outside the renderer', () =>
    withShell(async (shell) => {
      expect(shell.recording.privilegedSchemes).toEqual([
        { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
      ]);
      const handler = shell.recording.protocolHandlers.get('app');
      if (!handler) throw new Error('No app:// handler.');
      const html = await (await handler(new Request(APP_INDEX_URL))).text();
      const asset = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
      const urls = [
        APP_INDEX_URL,
        `${APP_ORIGIN}/${asset}`,
        `${APP_ORIGIN}/missing.js`,
        `${APP_ORIGIN}/%2e%2e/%2e%2e/package.json`,
        `${APP_ORIGIN}/..%2f..%2fpackage.json`,
        'app://elsewhere/index.html',
      ];
      const statuses: number[] = [];
      for (const url of urls) {
        const response = await handler(new Request(url));
        expect(response.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
        expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
        statuses.push(response.status);
      }
      expect(statuses).toEqual([200, 200, 404, 404, 404, 404]);
      const post = await handler(new Request(APP_INDEX_URL, { method: 'POST', body: 'x' }));
      expect(post.status).toBe(405);
      expect(post.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      // Any other response the session sees gets the same policy.
      let headers: Record<string, string[]> | undefined;
      shell.recording.headersReceived?.(
        { url: 'devtools://devtools/x', responseHeaders: {} } as never,
        (response) => (headers = response.responseHeaders as Record<string, string[]>),
      );
      expect(headers?.['Content-Security-Policy']).toEqual([CONTENT_SECURITY_POLICY]);
    }));

  it('refuses navigation (a dropped file included), new windows, webviews, permissions and the network', () =>
    withShell(async (shell) => {
      const contents = shell.window().webContents;
      const navigate = (event: string, url: string) => {
        const fired = preventableEvent({ url });
        if (event === 'will-frame-navigate') contents.emit(event, fired);
        else contents.emit(event, fired, url);
        return fired.defaultPrevented;
      };
      expect(navigate('will-navigate', 'file:///home/someone/Downloads/dropped.html')).toBe(true);
      expect(navigate('will-navigate', 'https://example.org/')).toBe(true);
      expect(navigate('will-navigate', 'app://copanel.evil/index.html')).toBe(true);
      expect(navigate('will-navigate', `${APP_ORIGIN}/index.html#/verify`)).toBe(false);
      expect(navigate('will-frame-navigate', 'file:///tmp/dropped.html')).toBe(true);
      expect(navigate('will-redirect', 'https://example.org/')).toBe(true);
      const webview = preventableEvent();
      contents.emit('will-attach-webview', webview, {}, {});
      expect(webview.defaultPrevented).toBe(true);

      const open = (url: string) => contents.windowOpenHandler?.({ url } as never);
      expect(open('https://example.org/help')).toEqual({ action: 'deny' });
      expect(open('file:///etc/passwd')).toEqual({ action: 'deny' });
      expect(shell.recording.externalUrls).toEqual(['https://example.org/help']);

      const asked: boolean[] = [];
      for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read'] as const)
        shell.recording.permissionRequestHandler?.(
          contents as never,
          permission,
          (granted) => asked.push(granted),
          {} as never,
        );
      expect(asked).toEqual([false, false, false, false]);
      expect(
        shell.recording.permissionCheckHandler?.(contents as never, 'media', APP_ORIGIN, {} as never),
      ).toBe(false);
      expect(shell.recording.devicePermissionHandler?.({} as never)).toBe(false);

      const cancelled = (url: string) => {
        let cancel: boolean | undefined;
        shell.recording.beforeRequest?.({ url } as never, (response) => (cancel = response.cancel));
        return cancel;
      };
      expect(cancelled('https://example.org/font.woff2')).toBe(true);
      expect(cancelled('file:///etc/passwd')).toBe(true);
      expect(cancelled(`${APP_ORIGIN}/assets/x.js`)).toBe(false);
    }));
});

describe('who may talk to the main process', () => {
  it('gives a port only to the app’s own top frame: a file:// page or a frame gets none, and no save dialog', () =>
    withShell(async (shell) => {
      const window = shell.window();
      const portsBefore = window.webContents.sent.filter((sent) => sent.channel === PORT_CHANNEL).length;
      expect(portsBefore).toBe(1);
      const dialogsBefore = shell.recording.dialogs.length;

      // A local HTML file shown in the window (had navigation not been refused), then a frame of the app's origin.
      for (const [url, top] of [
        ['file:///home/someone/Downloads/dropped.html', true],
        [`${APP_ORIGIN}/index.html`, false],
      ] as const) {
        const page = window.openPage(url, top);
        const bridge = shell.bridge(page);
        const answer = await Promise.race([
          bridge.call('app.info', {}),
          new Promise((resolve) => setTimeout(() => resolve('no answer'), 500)),
        ]);
        expect(answer, url).toBe('no answer');
        expect(await bridge.chooseSavePath('certificate.pdf'), url).toBeNull();
      }
      expect(window.webContents.sent.filter((sent) => sent.channel === PORT_CHANNEL)).toHaveLength(1);
      expect(shell.recording.dialogs.length).toBe(dialogsBefore);
    }));

  it('has one route per contract operation, over the port, and nothing else on IPC', () =>
    withShell(async (shell) => {
      expect([...shell.recording.ipcHandlers.keys()]).toEqual([SAVE_DIALOG_CHANNEL]);
      expect([...shell.recording.ipcListeners.keys()]).toEqual([CONNECT_CHANNEL]);
      const bridge = shell.bridge();
      for (const name of OPERATION_NAMES) {
        const result = (await bridge.call(name, { caseId: 'not-open' } as never)) as Result<unknown>;
        if (!result.ok)
          expect(['UNKNOWN_OPERATION', 'ENGINE_STOPPED', 'INTERNAL'], name).not.toContain(result.error.code);
      }
      expect(await bridge.call('evidence.dropTables' as never, {} as never)).toMatchObject({
        ok: false,
        error: { code: 'UNKNOWN_OPERATION' },
      });
    }));
});

describe('dialogs and printing', () => {
  it('asks where to save with the system dialog, attached to the window, with a safe name', () =>
    withShell(async (shell) => {
      const chosen = await shell.bridge().chooseSavePath('../reports\\certificate.pdf');
      expect(chosen).toMatch(/saved\.pdf$/);
      expect(shell.recording.dialogs.at(-1)).toEqual({
        kind: 'save',
        window: true,
        options: { defaultPath: '.._reports_certificate.pdf' },
      });
    }));

  it('says null when the save dialog is cancelled', () =>
    withShell(
      async (shell) => {
        expect(await shell.bridge().chooseSavePath('certificate.pdf')).toBeNull();
      },
      { savePath: null },
    ));

  it('prints an issued certificate with the system print dialog, from a temporary copy it removes', () =>
    withShell(async (shell) => {
      const bridge = shell.bridge();
      const caseId = await openDemoAsLead(bridge);
      const [certificate] = await call<Array<{ id: string }>>(bridge, 'certificate.list', { caseId });
      expect(await call(bridge, 'certificate.print', { caseId, certificateId: certificate?.id })).toEqual({
        printed: true,
      });
      const [printed] = shell.recording.printed;
      expect(printed?.options).toMatchObject({ silent: false });
      expect(printed?.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(printed?.url).toMatch(/^file:\/\/.*copanel-print-/);
      expect(existsSync(new URL(printed?.url ?? 'file:///'))).toBe(false);
      // The print window is gone, and its file:// URL is no longer allowed.
      const printWindow = shell.recording.windows[1];
      expectWindowFollowsChecklist(printWindow?.options.webPreferences, 'the print window');
      expect(printWindow?.webContents.isDestroyed()).toBe(true);
      let cancel: boolean | undefined;
      shell.recording.beforeRequest?.(
        { url: printed?.url } as never,
        (response) => (cancel = response.cancel),
      );
      expect(cancel).toBe(true);
    }));
});

describe('one app, and the case files it is asked to open', () => {
  it('a second launch hands over to the first and quits, opening nothing', async () => {
    const second = await launchDesktopApp({ singleInstanceLock: false });
    expect(second.recording.quitRequested).toBe(1);
    expect(second.recording.windows).toHaveLength(0);
    expect(second.recording.utilityProcesses).toHaveLength(0);
    expect(second.recording.privilegedSchemes).toHaveLength(0);
  });

  it('opens a case file named on the command line, by a second launch or by open-file (macOS)', async () => {
    const shell = await launchDesktopApp({ argv: [demoCase, '--some-switch', join(demoDir, 'report.pdf')] });
    try {
      const asked: string[] = [];
      shell.bridge().onOpenCaseFile((path) => asked.push(path));
      // The file is handed over once the page has connected to the engine, which may still be starting.
      await until('the file named on the command line', () => asked.length === 1);
      expect(asked).toEqual([demoCase]);

      shell.app.emit(
        'second-instance',
        preventableEvent(),
        ['/opt/copanel/copanel', 'harbour-minds.copanel'],
        demoDir,
        {},
      );
      await until('the second file', () => asked.length === 2);
      expect(asked[1]).toBe(demoCase);
      expect(shell.window().focused).toBe(1);

      const openFile = preventableEvent();
      shell.app.emit('open-file', openFile, demoCase);
      expect(openFile.defaultPrevented).toBe(true);
      shell.app.emit('open-file', preventableEvent(), join(demoDir, 'report.pdf'));
      await until('the third file', () => asked.length === 3);
      expect(asked).toEqual([demoCase, demoCase, demoCase]);
    } finally {
      await shell.quit();
    }
  });
});

describe('the engine', () => {
  it('answers a call from the preload bridge over the port with a real encrypted case file', () =>
    withShell(async (shell) => {
      const bridge = shell.bridge();
      const created = await call<{ caseId: string; path: string }>(bridge, 'case.create', {
        fileName: 'riverside',
        organisationName: 'Riverside Community Mind (fictional)',
        passphrase: PASSPHRASE,
        leadName: 'Alex Example',
        leadPin: '4826',
      });
      const bytes = readFileSync(created.path);
      expect(bytes.subarray(0, 16).toString('latin1')).not.toBe('SQLite format 3\0');
      expect(bytes.includes(Buffer.from('Riverside'))).toBe(false);
      expect(await call(bridge, 'case.get', { caseId: created.caseId })).toMatchObject({
        organisation: { name: 'Riverside Community Mind (fictional)' },
      });
      // It ran in the engine, not in the main process: the main process has no case registry.
      expect(shell.recording.utilityProcesses).toHaveLength(1);
      expect(shell.recording.utilityProcesses[0]?.options).toMatchObject({
        serviceName: 'Coproduction Panel engine',
      });
    }));

  it('remembers a passphrase only through safeStorage, which the main process holds', () =>
    withShell(async (shell) => {
      const bridge = shell.bridge();
      await openDemoAsLead(bridge, true);
      const vault = readFileSync(join(shell.userDataDir, 'remembered-passphrases.json'), 'utf8');
      expect(vault).not.toContain(PASSPHRASE);
      expect(await call(bridge, 'case.passphraseMemory', { path: demoCase })).toEqual({
        canRemember: true,
        remembered: true,
      });
    }));

  it('keeps each window’s session to itself across a reload of its page', () =>
    withShell(async (shell) => {
      const caseId = await openDemoAsLead(shell.bridge());
      const reloaded = shell.window().openPage(APP_INDEX_URL);
      const view = await call<{ signedIn: { name: string } | null }>(shell.bridge(reloaded), 'case.get', {
        caseId,
      });
      expect(view.signedIn?.name).toBe(DEMO_PANEL.lead.name);
    }));

  it('when it stops, the window says so, calls in flight end plainly, and it is started again with the work saved', () =>
    withShell(async (shell) => {
      const bridge = shell.bridge();
      const caseId = await openDemoAsLead(bridge);
      // The engine is frozen first, so the call is certainly still unanswered when it dies.
      const engine = shell.recording.utilityProcesses[0];
      engine?.child.kill('SIGSTOP');
      const inFlight = bridge.call('case.open', { path: demoCase, passphrase: PASSPHRASE });
      engine?.crash();
      expect(await inFlight).toEqual({ ok: false, error: ENGINE_STOPPED });

      await until('the engine to start again', () => shell.recording.utilityProcesses.length === 2);
      const told = shell.recording.dialogs.find((dialog) => dialog.kind === 'message');
      expect(told).toMatchObject({
        window: true,
        options: { message: 'The app’s engine stopped; your work up to the last save is safe.' },
      });
      await until(
        'a new port',
        () => shell.window().webContents.sent.filter((sent) => sent.channel === PORT_CHANNEL).length === 2,
      );
      const reopened = await call<{ caseId: string; signedIn: unknown; organisation: { name: string } }>(
        bridge,
        'case.open',
        {
          path: demoCase,
          passphrase: PASSPHRASE,
        },
      );
      expect(reopened).toMatchObject({ caseId, signedIn: null, organisation: { name: DEMO_ORGANISATION } });
      // The session lived in the engine that stopped: the lead signs in again.
      expect(await bridge.call('certificate.list', { caseId })).toMatchObject({
        ok: false,
        error: { code: 'NOT_SIGNED_IN' },
      });
      expect(readdirSync(demoDir)).toContain('harbour-minds.copanel');
    }));

  it('is not started again after stopping four times within a minute, and says what to do', () =>
    withShell(async (shell) => {
      for (let stop = 1; stop <= 4; stop += 1) {
        shell.recording.utilityProcesses.at(-1)?.crash();
        await until(
          `stop ${stop} to be told`,
          () => shell.recording.dialogs.filter((dialog) => dialog.kind === 'message').length === stop,
        );
      }
      expect(shell.recording.utilityProcesses).toHaveLength(4);
      const last = shell.recording.dialogs.at(-1)?.options as { message: string; detail: string };
      expect(last.message).toBe('The app’s engine stopped; your work up to the last save is safe.');
      expect(last.detail).toMatch(/has not been started again\. Close the app and open it again/);
      expect(await shell.bridge().call('app.info', {})).toEqual({ ok: false, error: ENGINE_GONE });
    }));

  it('closes its case files and ends when the app quits', async () => {
    const shell = await launchDesktopApp();
    await openDemoAsLead(shell.bridge());
    expect(existsSync(`${demoCase}.lock`) || readdirSync(demoDir).some((name) => name.includes('lock'))).toBe(
      true,
    );
    await shell.quit();
    expect(shell.recording.utilityProcesses[0]?.exitCode).toBe(0);
    expect(readdirSync(demoDir).some((name) => name.includes('lock'))).toBe(false);
  });
});
