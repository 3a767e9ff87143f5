import {
  clientContext,
  dispatch,
  handlers,
  SchemeOffice,
  type ApiContext,
  type Capabilities,
} from '../../api';
import { CaseRegistry, useNativeBinding, type PassphraseVault } from '../../casefile';
import { createPanelRooms } from '../../room';
import type { RuntimeEnvironment } from '../../runtime';
import type { BackendPort, ParentChannel } from './channel';
import {
  callRequest,
  type BackendMessage,
  type BrokerOutcome,
  type BrokerRequest,
  type CallReply,
  type HostMessage,
} from './wire';

/** Asks the main process for what only it can do (print, safeStorage), and waits for its answer. */
class Broker {
  private next = 1;
  private readonly waiting = new Map<number, (outcome: BrokerOutcome) => void>();
  constructor(private readonly parent: ParentChannel) {}

  async ask(request: BrokerRequest): Promise<unknown> {
    const id = this.next++;
    const outcome = await new Promise<BrokerOutcome>((resolve) => {
      this.waiting.set(id, resolve);
      const message: BackendMessage = { type: 'broker', id, request };
      this.parent.postMessage(message);
    });
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.value;
  }

  answered(id: number, outcome: BrokerOutcome): void {
    this.waiting.get(id)?.(outcome);
    this.waiting.delete(id);
  }
}

/** The desktop app's abilities, as the backend has them: printing and safeStorage brokered by main. */
function brokeredCapabilities(broker: Broker, vaultAvailable: boolean): Capabilities {
  const passphraseVault: PassphraseVault = {
    isAvailable: () => vaultAvailable,
    remember: async (path, passphrase) =>
      void (await broker.ask({ kind: 'vault.remember', path, passphrase })),
    recall: async (path) => {
      const value = await broker.ask({ kind: 'vault.recall', path });
      return typeof value === 'string' ? value : null;
    },
    forget: async (path) => void (await broker.ask({ kind: 'vault.forget', path })),
  };
  return {
    localFiles: true,
    appSettings: true,
    printer: { print: async (pdf) => (await broker.ask({ kind: 'print', pdf })) === true },
    passphraseVault,
  };
}

/** Runs one call from a window through the dispatcher and answers on the same port. */
async function answerCall(port: BackendPort, ctx: ApiContext, data: unknown): Promise<void> {
  const parsed = callRequest.safeParse(data);
  if (!parsed.success) return;
  const { id, name, input } = parsed.data;
  const reply: CallReply = { id, result: await dispatch(handlers, name, input, ctx) };
  port.postMessage(reply);
}

interface Engine {
  readonly runtime: RuntimeEnvironment;
  readonly cases: CaseRegistry;
  readonly capabilities: Capabilities;
  /** The one scheme file this app may have open, shared by its windows. */
  readonly schemeOffice: SchemeOffice;
}

/**
 * The backend process: the handlers, the open case files and signing, for every window of the app.
 * Each window has its own session (who is signed in to which case), kept while the window lives,
 * also across reloads of its page; its calls arrive on the port the main process handed it.
 */
export function serveBackend(parent: ParentChannel): void {
  const broker = new Broker(parent);
  const windows = new Map<number, { ctx: ApiContext; port: BackendPort }>();
  let engine: Engine | undefined;

  const connect = (windowId: number, port: BackendPort) => {
    if (!engine) return port.close();
    const known = windows.get(windowId);
    known?.port.close();
    const ctx =
      known?.ctx ?? clientContext(engine.runtime, engine.cases, engine.capabilities, engine.schemeOffice);
    windows.set(windowId, { ctx, port });
    port.on('message', (event) => void answerCall(port, ctx, event.data));
    port.start();
  };

  parent.onMessage((data, ports) => {
    const message = data as HostMessage;
    switch (message.type) {
      case 'init': {
        if (message.nativeBinding) useNativeBinding(message.nativeBinding);
        const cases = new CaseRegistry({ userDataDir: message.runtime.userDataDir });
        engine = {
          runtime: message.runtime,
          cases,
          capabilities: {
            ...brokeredCapabilities(broker, message.vaultAvailable),
            rooms: createPanelRooms({ runtime: message.runtime, cases, handlers }),
          },
          schemeOffice: new SchemeOffice(),
        };
        const ready: BackendMessage = { type: 'ready' };
        parent.postMessage(ready);
        return;
      }
      case 'connect':
        if (ports[0]) connect(message.windowId, ports[0]);
        return;
      case 'disconnect':
        windows.get(message.windowId)?.port.close();
        windows.delete(message.windowId);
        return;
      case 'brokered':
        broker.answered(message.id, message.outcome);
        return;
      case 'openRooms': {
        const rooms = engine?.capabilities.rooms?.openRooms() ?? [];
        const answer: BackendMessage = {
          type: 'openRooms',
          id: message.id,
          rooms: rooms.map(({ devices }) => ({ devices })),
        };
        parent.postMessage(answer);
        return;
      }
      case 'shutdown':
        for (const { port } of windows.values()) port.close();
        void (engine?.capabilities.rooms?.closeAll('app_quit') ?? Promise.resolve())
          .then(() => engine?.cases.closeAll())
          .then(() => engine?.schemeOffice.close())
          .finally(() => process.exit(0));
        return;
    }
  });
}
