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
