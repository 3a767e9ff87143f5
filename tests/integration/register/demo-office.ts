import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { invoke, localApiContext, type ApiContext } from '../../../src/main/api';
import { nodeRuntime } from '../../../src/main/runtime';
import { DEMO_PASSPHRASE, copanel } from '../certificates/support';

/**
 * The register tests' starting point: `copanel demo` run into `dir`, the demo's scheme root trusted
 * by a fresh app, and a new scheme file of the scheme office created and opened in it.
 */
export async function demoWithSchemeOffice(
  dir: string,
  office: { schemeName: string; passphrase: string; yourName: string },
): Promise<{ demo: string; ctx: ApiContext; schemePath: string }> {
  const demo = join(dir, 'demo');
  const made = await copanel(['demo', '--out', demo], { COPANEL_PASSPHRASE: DEMO_PASSPHRASE });
  expect(made.code, made.out + made.err).toBe(0);
  const workspaceDir = join(dir, 'workspace');
  mkdirSync(workspaceDir, { recursive: true });
  const ctx = localApiContext(nodeRuntime('cli', { workspaceDir, userDataDir: join(dir, 'user-data') }));
  await invoke(
    'trust.add',
    { fileName: 'scheme-root.pem', base64: readFileSync(join(demo, 'scheme-root.pem')).toString('base64') },
    ctx,
  );
  const opened = await invoke('scheme.create', { fileName: 'office', ...office }, ctx);
  return { demo, ctx, schemePath: opened.path };
}
