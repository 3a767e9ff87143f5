import Database from 'better-sqlite3-multiple-ciphers';
import type { IncomingMessage } from 'node:http';
import { connect } from 'node:net';
import {
  clientContext,
  COMMAND_LINE,
  dispatch,
  handlers,
  type ApiContext,
  type PanelRooms,
} from '../../../src/main/api';
import { buildPanel, oneTimePinFor, PanelClient, type BuiltPanel } from '../../../src/main/demo';
import { createPanelRooms, deviceKeyPair } from '../../../src/main/room';
import type { InputOf, OperationName, OutputOf, Result } from '../../../src/shared/api';
import { RoomClient, RoomRefused, type DeviceKind } from '../../../src/shared/room/client';
import { makeWorld, PASSPHRASE, type Caller, type TestWorld } from '../panel/support';

/** The network address standing in for the venue's Wi-Fi in tests. */
export const ROOM_ADDRESS = '127.0.0.2';

export const PINS = { lead: '2468', ben: '1357', chloe: '8642', dev: '9753' } as const;

/** An observer the lead adds with a PIN the lead typed, who chooses their own (OBSERVER_OWN_PIN) on their device. */
export const OBSERVER = { name: 'Omar Haddad', role: 'observer', pin: '3690' } as const;
export const OBSERVER_OWN_PIN = '0963';

export interface RoomWorld {
  world: TestWorld;
  panel: BuiltPanel;
  rooms: PanelRooms;
  /** The lead's own screen: a client whose front door can open the room. */
  lead: ApiContext;
  caseId: string;
  memberIds: { ben: string; chloe: string; dev: string };
  evidenceTitle: string;
}

/** A real encrypted case file with a lead and three scoring members, scoring open (unless asked not to), and a room host bound to 127.0.0.2. */
export async function makeRoomWorld(
  fileName: string,
  options: {
    memberPagesDir?: string;
    /** Done by the lead before scoring opens (e.g. adding members as the test needs them). */
    prepare?: (panel: BuiltPanel) => Promise<void>;
    /** False: scoring stays waiting (the room opens while the panel prepares). */
    openScoring?: boolean;
    /** The rooms' clock (tests move it on). */
    now?: () => number;
  } = {},
): Promise<RoomWorld> {
  const { prepare, openScoring = true, ...roomOptions } = options;
  const world = makeWorld();
  const evidenceTitle = `Marker evidence title ${fileName} Q7ZK`;
  const panel = await buildPanel(
    {
      fileName,
      organisation: 'Riverside Community Mind (fictional)',
      passphrase: PASSPHRASE,
      lead: { name: 'Asha Patel', pin: PINS.lead },
      members: [
        { name: 'Ben Okafor', role: 'assessor', pin: PINS.ben, consentToBeNamed: true },
        { name: 'Chloe Davis', role: 'assessor', pin: PINS.chloe, consentToBeNamed: true },
        { name: 'Dev Singh', role: 'co_assessor', pin: PINS.dev, consentToBeNamed: true },
      ],
      evidence: [
        {
          title: evidenceTitle,
          kind: 'document',
          source: '',
          date: null,
          criteria: ['S1.1'],
          consent: 'not_needed',
          quote: '',
          notes: '',
        },
      ],
      openScoring: openScoring && prepare === undefined,
    },
    () => new PanelClient(world.runtime, world.cases),
  );
  if (prepare) {
    await prepare(panel);
    if (openScoring) await panel.lead.call('scoring.open', { caseId: panel.caseId });
  }
  const rooms = createPanelRooms({
    runtime: world.runtime,
    cases: world.cases,
    handlers,
    bindAddress: ROOM_ADDRESS,
    ...roomOptions,
  });
  const lead = clientContext(world.runtime, world.cases, { ...COMMAND_LINE, rooms });
  const [ben, chloe, dev] = panel.members;
  await call(lead, 'panel.signIn', { caseId: panel.caseId, memberId: panel.lead.memberId, pin: PINS.lead });
  return {
    world,
    panel,
    rooms,
    lead,
    caseId: panel.caseId,
    memberIds: { ben: ben!.memberId, chloe: chloe!.memberId, dev: dev!.memberId },
    evidenceTitle,
  };
}

export async function call<N extends OperationName>(
  ctx: ApiContext,
  name: N,
  input: InputOf<N>,
): Promise<OutputOf<N>> {
  const result = await dispatch(handlers, name, input, ctx);
  if (!result.ok) throw new Error(`${name} failed with ${result.error.code}: ${result.error.message}`);
  return result.value as OutputOf<N>;
}

/** A client's context as a Caller (the panel tests' set-ups take one). */
export function asCaller(ctx: ApiContext): Caller {
  return { call: (name, input) => call(ctx, name, input) };
}

/** A member's device in the room as a Caller: every call sealed, expected to succeed. */
export function deviceCaller(device: RoomClient): Caller {
  return { call: (name, input) => roomCall(device, name, input) };
}

export function attempt(ctx: ApiContext, name: string, input: unknown): Promise<Result<unknown>> {
  return dispatch(handlers, name, input, ctx);
}

/** A member's device in the room, as a page would be: joins with the link, then every call sealed. */
export async function joinRoom(link: string, kind: DeviceKind = 'phone'): Promise<RoomClient> {
  return RoomClient.join(link, kind, deviceKeyPair());
}

/** Calls through the room and expects success. */
export async function roomCall<T = unknown>(device: RoomClient, name: string, input: unknown): Promise<T> {
  const { result } = await device.call(name, input);
  if (!result.ok)
    throw new Error(`${name} through the room failed with ${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Whether anything accepts a connection at this address and port. */
export function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** Posts a sealed body to the room as a page's fetch would; a refusal is a RoomRefused with its status. */
/** A room's raw HTTP answer: its bytes when it is 200, otherwise refused with its status. */
export function roomAnswer(
  resolve: (bytes: Uint8Array) => void,
  reject: (reason: RoomRefused) => void,
): (res: IncomingMessage) => void {
  return (res) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () =>
      res.statusCode === 200
        ? resolve(new Uint8Array(Buffer.concat(chunks)))
        : reject(new RoomRefused(res.statusCode ?? 0)),
    );
  };
}

export async function fetchBytes(
  url: string,
  body: Uint8Array,
  headers: Record<string, string>,
): Promise<Uint8Array> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/octet-stream', ...headers },
    body: body as BodyInit,
  });
  if (response.status !== 200) throw new RoomRefused(response.status);
  return new Uint8Array(await response.arrayBuffer());
}

/** Every statement the case file's connection runs, by wrapping better-sqlite3's own Statement (no mock database). */
export function recordStatements(): { take(): string[]; stop(): void } {
  const probe = new Database(':memory:');
  const prototype = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, unknown>;
  probe.close();
  const seen: string[] = [];
  const originals = new Map<string, unknown>();
  for (const method of ['run', 'all', 'get', 'iterate']) {
    const original = prototype[method] as (this: { source: string }, ...args: unknown[]) => unknown;
    originals.set(method, original);
    prototype[method] = function (this: { source: string }, ...args: unknown[]) {
      seen.push(this.source);
      return original.apply(this, args);
    };
  }
  return {
    take: () => seen.splice(0),
    stop: () => {
      for (const [method, original] of originals) prototype[method] = original;
    },
  };
}

/** A member the lead adds last, whose own PIN will be `pin`: she has not yet said whether she has a conflict of interest. */
export const EFA = { name: 'Efa Jones', pin: '4826' } as const;

/**
 * The room opened while the panel prepares (scoring not open), with EFA added last: the world, her
 * member id and the room's link.
 */
export async function roomBeforeScoringWithEfa(
  fileName: string,
): Promise<{ w: RoomWorld; efaId: string; link: string }> {
  const w = await makeRoomWorld(fileName, { openScoring: false });
  const { id: efaId } = await w.panel.lead.call('panel.addMember', {
    caseId: w.caseId,
    name: EFA.name,
    role: 'assessor',
    consentToBeNamed: true,
    pin: oneTimePinFor(EFA.pin),
  });
  const { link } = await call(w.lead, 'room.open', { caseId: w.caseId });
  return { w, efaId, link: link! };
}
