import { describe, expect, it } from 'vitest';
import { launchDesktopApp } from './shell';

describe('the built desktop shell', () => {
  it('smoke', async () => {
    const shell = await launchDesktopApp();
    try {
      const info = await shell.bridge().call('app.info', {});
      expect(info).toMatchObject({ ok: true, value: { mode: 'electron' } });
    } finally {
      await shell.quit();
    }
  });
});
