/**
 * The engine (out/main/backend.js) on its own, as the main process drives it: a real child process
 * (child_process.fork standing in for utilityProcess), the parent-port protocol, a port per window.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BackendMessage, CallReply, HostMessage } from '../../src/main/electron';
import { nodeRuntime } from '../../src/main/runtime';
import { APP_ROOT, until } from './shell';
import {
  StandInMessageChannelMain,
  StandInUtilityProcess,
  type StandInMessagePortMain,
} from './stand-in/electron';

const ENGINE = join(APP_ROOT, 'out', 'main', 'backend.js');
const PASSPHRASE = 'lantern-meadow-quartz-harbor-violin';

let dir: string;
let engine: StandInUtilityProcess;
let fromEngine: BackendMessage[];

/** A window's end of its port, collecting the replies. */
function connectWindow(windowId: number): {
  port: StandInMessagePortMain;
  replies: CallReply[];
  closed: () => boolean;
} {
  const { port1, port2 } = new StandInMessageChannelMain();
  const replies: CallReply[] = [];
  let closed = false;
  port2.on('message', (event: { data: CallReply }) => replies.push(event.data));
  port2.on('close', () => (closed = true));
  port2.start();
  engine.postMessage({ type: 'connect', windowId } satisfies HostMessage, [port1 as never]);
  return { port: port2, replies, closed: () => closed };
}

async function ask(window: ReturnType<typeof connectWindow>, id: number, name: string, input: unknown) {
  window.port.postMessage({ id, name, input });
  return until(`the reply to ${id}`, () => window.replies.find((reply) => reply.id === id));
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'copanel-engine-'));
  engine = new StandInUtilityProcess(ENGINE, [], { serviceName: 'test engine' });
  fromEngine = [];
  engine.on('message', (message: BackendMessage) => fromEngine.push(message));
  engine.postMessage({
    type: 'init',
    runtime: nodeRuntime('electron', {
      userDataDir: join(dir, 'user-data'),
      workspaceDir: join(dir, 'workspace'),
    }),
    nativeBinding: null,
    vaultAvailable: true,
  } satisfies HostMessage);
  await until('the engine to be ready', () => fromEngine.some((message) => message.type === 'ready'));
});

afterEach(async () => {
  if (engine.exitCode === null) {
    engine.postMessage({ type: 'shutdown' } satisfies HostMessage);
    await until('the engine to end', () => engine.exitCode !== null);
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('the engine process', () => {
  it('answers only well-formed calls, by id, with the dispatcher’s Result', async () => {
    const window = connectWindow(1);
    for (const junk of [
      'hello',
      null,
      { id: -1, name: 'app.info' },
      { id: 1.5, name: 'app.info' },
      { id: 2, name: 7 },
    ])
      window.port.postMessage(junk);
    expect(await ask(window, 3, 'app.info', {})).toMatchObject({
      id: 3,
      result: { ok: true, value: { mode: 'electron' } },
    });
    expect(await ask(window, 4, 'no.suchThing', {})).toMatchObject({
      result: { ok: false, error: { code: 'UNKNOWN_OPERATION' } },
    });
    expect(await ask(window, 5, 'case.open', { path: 42 })).toMatchObject({
      result: { ok: false, error: { code: 'INVALID_INPUT' } },
    });
    expect(window.replies.map((reply) => reply.id)).toEqual([3, 4, 5]);
  });

  it('keeps a session per window: who signed in on one window is not signed in on another', async () => {
    const first = connectWindow(1);
    const second = connectWindow(2);
    const created = await ask(first, 1, 'case.create', {
      fileName: 'riverside',
      organisationName: 'Riverside Community Mind (fictional)',
      passphrase: PASSPHRASE,
      leadName: 'Alex Example',
      leadPin: '4826',
    });
    if (!created.result.ok) throw new Error(created.result.error.message);
    const { caseId } = created.result.value as { caseId: string };
    expect(await ask(first, 2, 'case.get', { caseId })).toMatchObject({
      result: { ok: true, value: { signedIn: { name: 'Alex Example' } } },
    });
    expect(await ask(second, 1, 'case.get', { caseId })).toMatchObject({
      result: { ok: true, value: { signedIn: null } },
    });
    // A window that closes loses its port; the other carries on.
    engine.postMessage({ type: 'disconnect', windowId: 2 } satisfies HostMessage);
    await until('the closed window’s port to close', () => second.closed());
    expect(await ask(first, 3, 'case.get', { caseId })).toMatchObject({ result: { ok: true } });
  });

  it('asks the main process for safeStorage, and says a plain sentence when that fails', async () => {
    const window = connectWindow(1);
    const path = join(dir, 'workspace', 'a.copanel');
    window.port.postMessage({ id: 1, name: 'case.passphraseMemory', input: { path } });
    const asked = await until('the engine to ask', () =>
      fromEngine.find((message) => message.type === 'broker'),
    );
    expect(asked).toMatchObject({ type: 'broker', request: { kind: 'vault.recall', path } });
    if (asked.type !== 'broker') throw new Error('not a broker request');
    engine.postMessage({
      type: 'brokered',
      id: asked.id,
      outcome: { ok: true, value: 'remembered' },
    } satisfies HostMessage);
    expect(await until('the reply', () => window.replies[0])).toMatchObject({
      result: { ok: true, value: { canRemember: true, remembered: true } },
    });

    window.port.postMessage({ id: 2, name: 'case.passphraseMemory', input: { path } });
    const second = await until(
      'the engine to ask again',
      () => fromEngine.filter((message) => message.type === 'broker')[1],
    );
    if (second.type !== 'broker') throw new Error('not a broker request');
    engine.postMessage({
      type: 'brokered',
      id: second.id,
      outcome: { ok: false, message: 'keychain locked' },
    } satisfies HostMessage);
    const failed = await until('the second reply', () => window.replies[1]);
    expect(failed.result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(failed.result)).not.toMatch(/keychain|at .*\.js/);
  });

  it('says which panel rooms are open, by the id asked (none here), so quitting can ask first', async () => {
    engine.postMessage({ type: 'openRooms', id: 7 } satisfies HostMessage);
    expect(
      await until('the answer', () => fromEngine.find((message) => message.type === 'openRooms')),
    ).toEqual({ type: 'openRooms', id: 7, rooms: [] });
  });

  it('closes its case files and exits cleanly when asked to shut down', async () => {
    const window = connectWindow(1);
    await ask(window, 1, 'app.info', {});
    engine.postMessage({ type: 'shutdown' } satisfies HostMessage);
    await until('the engine to end', () => engine.exitCode !== null);
    expect(engine.exitCode).toBe(0);
    expect(window.closed()).toBe(true);
  });
});
