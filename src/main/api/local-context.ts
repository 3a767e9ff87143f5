import { CaseRegistry } from '../casefile/registry';
import type { RuntimeEnvironment } from '../runtime';
import type { ApiContext } from './context';
import { Session } from './session';

/** A fresh context with its own case registry: for the CLI, the demo and tests. */
export function localApiContext(runtime: RuntimeEnvironment): ApiContext {
  return { runtime, cases: new CaseRegistry({ userDataDir: runtime.userDataDir }), session: new Session() };
}
