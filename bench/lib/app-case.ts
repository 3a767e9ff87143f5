import { localApiContext } from '../../src/main/api';
import type { CaseActor } from '../../src/main/case';
import { nodeRuntime, readAppVersion } from '../../src/main/runtime';
import { REPO_ROOT } from './workspace';

/**
 * The app's own front door onto a case: a client context (as the CLI and the demo have) with the
 * case file open in its registry and `actor` signed in, so that calls go through the dispatcher —
 * validation, who is asking, permission checks and the handler — exactly as a window's calls do.
 */
export async function openThroughApp(
  path: string,
  rawKey: string,
  actor: Pick<CaseActor, 'memberId' | 'name' | 'role'>,
  userDataDir: string,
) {
  const ctx = localApiContext(nodeRuntime('cli', { userDataDir }));
  const caseFile = await ctx.cases.openFile({
    path,
    passphrase: rawKey,
    appVersion: readAppVersion(REPO_ROOT),
  });
  ctx.session.signIn(caseFile.caseId, { memberId: actor.memberId, name: actor.name, role: actor.role });
  return { ctx, caseFile };
}
