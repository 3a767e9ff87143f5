import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import {
  type ApiContext,
  type Capabilities,
  clientContext,
  COMMAND_LINE,
  dispatch,
  handlers,
} from '../../../src/main/api';
import { CaseRegistry } from '../../../src/main/casefile';
import { nodeRuntime, type RuntimeEnvironment } from '../../../src/main/runtime';
import type { InputOf, OperationName, OutputOf, Result } from '../../../src/shared/api';
import type { ErrorCode } from '../../../src/shared/errors';

export const PASSPHRASE = 'lantern-meadow-quartz-harbor-violin';

export interface TestWorld {
  runtime: RuntimeEnvironment;
  cases: CaseRegistry;
  cleanup: () => Promise<void>;
}

/** A workspace in a temp folder and one registry of open case files, as one app process has. */
export function makeWorld(): TestWorld {
  const dir = mkdtempSync(join(tmpdir(), 'copanel-panel-'));
  const runtime = nodeRuntime('cli', {
    workspaceDir: join(dir, 'workspace'),
    userDataDir: join(dir, 'user-data'),
  });
  const cases = new CaseRegistry();
  return {
    runtime,
    cases,
    cleanup: async () => {
      await cases.closeAll();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One client of the API (a window or a browser tab) with its own session: whoever signs in here. */
export class Client {
  readonly ctx: ApiContext;

  /** `capabilities`: what its front door can do (default the CLI's; a window also has the app's settings). */
  constructor(world: TestWorld, capabilities: Capabilities = COMMAND_LINE) {
    this.ctx = clientContext(world.runtime, world.cases, capabilities);
  }

  /** Calls through the full dispatcher (validation, access checks); returns the Result. */
  attempt(name: string, input: unknown): Promise<Result<unknown>> {
    return dispatch(handlers, name, input, this.ctx);
  }

  /** Calls and expects success. */
  async call<N extends OperationName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
    const result = await this.attempt(name, input);
    if (!result.ok) throw new Error(`${name} failed with ${result.error.code}: ${result.error.message}`);
    return result.value as OutputOf<N>;
  }

  /** Calls and expects the typed error; returns its message. */
  async refused<N extends OperationName>(name: N, input: InputOf<N>, code: ErrorCode): Promise<string> {
    const result = await this.attempt(name, input);
    expect(result, `${name} should be refused with ${code}`).toMatchObject({ ok: false, error: { code } });
    return result.ok ? '' : result.error.message;
  }
}
