import { describe, expect, it } from 'vitest';
import { connectClient, takeLaunchToken } from '../../../src/renderer/src/client';

describe('choosing the client', () => {
  it('keeps the launch token for this tab and removes it from the address bar', () => {
    window.history.replaceState(null, '', '/#token=abc-123');
    expect(takeLaunchToken(window.location, window.sessionStorage, window.history)).toBe('abc-123');
    expect(window.location.hash).toBe('');
    // A reload (no fragment) still finds the token for this tab.
    expect(takeLaunchToken(window.location, window.sessionStorage, window.history)).toBe('abc-123');
  });

  it('uses the HTTP client in a browser and the bridge in the desktop app', () => {
    expect(connectClient(window).transport).toBe('browser');
    const bridge = {
      transport: 'electron' as const,
      call: async () => ({ ok: true as const, value: null }),
      pathForFile: () => '',
      chooseSavePath: async () => null,
      onMenuCommand: () => () => {},
    };
    const desktop = Object.assign(Object.create(window) as Window, { copanel: bridge });
    expect(connectClient(desktop).transport).toBe('electron');
  });
});

describe('saving what can be read of a damaged case file, in the desktop app', () => {
  /** A desktop bridge whose save dialog answers `chosen`; every call is recorded. */
  function desktopWith(chosen: string | null) {
    const calls: { name: string; input: unknown }[] = [];
    const asked: string[] = [];
    const bridge = {
      transport: 'electron' as const,
      call: async (name: string, input: unknown) => {
        calls.push({ name, input });
        return {
          ok: true as const,
          value: { path: '/chosen/riverside-readable.copanel', summary: 'Saved.' },
        };
      },
      pathForFile: () => '',
      chooseSavePath: async (suggested: string) => {
        asked.push(suggested);
        return chosen;
      },
      onMenuCommand: () => () => {},
      onOpenCaseFile: () => () => {},
    };
    const desktop = Object.assign(Object.create(window) as Window, { copanel: bridge });
    return { files: connectClient(desktop).files, calls, asked };
  }
  const input = { caseId: 'case-1', passphrase: 'the passphrase', fileName: 'riverside-readable.copanel' };

  it('asks where with the save dialog, offering the new file’s name, and saves it there', async () => {
    const app = desktopWith('/chosen/riverside-readable.copanel');
    expect(await app.files.saveReadable(input)).toEqual({
      ok: true,
      value: { path: '/chosen/riverside-readable.copanel', summary: 'Saved.' },
    });
    expect(app.asked).toEqual(['riverside-readable.copanel']);
    expect(app.calls).toEqual([
      { name: 'case.saveReadable', input: { ...input, path: '/chosen/riverside-readable.copanel' } },
    ]);
  });

  it('does nothing when the save dialog is cancelled', async () => {
    const app = desktopWith(null);
    expect(await app.files.saveReadable(input)).toEqual({ ok: true, value: null });
    expect(app.calls).toEqual([]);
  });
});
