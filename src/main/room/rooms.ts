import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import type { RoomInterface, RoomState } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import type { Handlers, PanelRooms, RoomClosing } from '../api';
import { caseScope, type OpenCaseScope } from '../case';
import type { CaseRegistry } from '../casefile';
import { caseProgress, panelMembers, roomRoster } from '../panel';
import { findAppRoot, type RuntimeEnvironment } from '../runtime';
import { loadMemberPages } from './pages';
import { PanelRoom } from './room';

/** Set to listen on this address instead (tests: 127.0.0.2 stands in for the local network). */
export const ROOM_ADDRESS_VARIABLE = 'COPANEL_ROOM_ADDRESS';

export interface PanelRoomsOptions {
  runtime: RuntimeEnvironment;
  cases: CaseRegistry;
  handlers: Handlers;
  /** Listen here whatever the lead chooses (tests); otherwise `COPANEL_ROOM_ADDRESS`, otherwise the lead's choice. */
  bindAddress?: string;
  /** Where the renderer's build is (its `room.html` entry is the member pages); the app's own by default. */
  memberPagesDir?: string;
  /** The rooms' clock in ms (tests move it on to see idle devices leave); Date.now by default. */
  now?: () => number;
}

const CLOSED_BECAUSE: Record<RoomClosing, string> = {
  lead: 'closed by the lead',
  moderation_closed: 'closed because moderation closed',
  case_closed: 'closed because the case file was closed',
  app_quit: 'closed because the app stopped',
};

/** The networks this computer is on (IPv4, not loopback), where a room can listen. */
export function roomInterfaces(): RoomInterface[] {
  return Object.entries(networkInterfaces()).flatMap(([name, addresses]) =>
    (addresses ?? [])
      .filter((address) => address.family === 'IPv4' && !address.internal)
      .map((address) => ({ name, address: address.address })),
  );
}

/**
 * Why the panel room cannot open now, or null when it can: it is where members act, so it opens
 * from when they can join and declare conflicts (the panel set up, before scoring) until moderation
 * closes (which closes it too), as the lead's screen offers it (ScoringSection).
 */
async function roomCannotOpenBecause(scope: OpenCaseScope): Promise<string | null> {
  const { phase } = await caseProgress(scope);
  switch (phase) {
    case 'preparing':
      return (await panelMembers(scope)).some((member) => member.role !== 'lead')
        ? null
        : 'The panel room cannot open yet: add the panel’s members first, so they can join from their own devices and declare any conflict of interest.';
    case 'scoring':
    case 'moderation':
      return null;
    case 'moderation_closed':
      return 'The panel room cannot open: moderation is closed, so members have nothing more to do in it. If the panel needs to meet again, reopen moderation first.';
    case 'decided':
      return 'The panel room cannot open: the decision has been taken, so members have nothing more to do in it.';
  }
}

/** The panel rooms of one app (one front door's engine): at most one room per open case. */
export function createPanelRooms(options: PanelRoomsOptions): PanelRooms {
  const rooms = new Map<string, PanelRoom>();
  const forced = options.bindAddress ?? process.env[ROOM_ADDRESS_VARIABLE];
  const memberPagesDir = options.memberPagesDir ?? join(findAppRoot(), 'out', 'renderer');

  const record = async (
    caseId: string,
    actor: string,
    action: string,
    payload: Record<string, string | string[]>,
  ) => {
    if (!options.cases.has(caseId)) return;
    await options.cases.get(caseId).mutate(actor, action, payload, async () => undefined);
  };

  const chooseAddress = (asked: string | undefined): string => {
    if (forced) return forced;
    const known = roomInterfaces();
    const chosen = asked ?? (known.length === 1 ? known[0]!.address : undefined);
    if (!chosen || !known.some((candidate) => candidate.address === chosen)) {
      throw new UserFacingError(
        'ROOM_UNAVAILABLE',
        known.length === 0
          ? 'This computer is not on a network. Join the venue’s Wi-Fi or turn on your phone’s hotspot and join that, then try again.'
          : 'Choose the network the panel members’ devices are on.',
      );
    }
    return chosen;
  };

  const state = async (caseId: string): Promise<RoomState> => {
    const room = rooms.get(caseId);
    const roster = options.cases.has(caseId)
      ? await roomRoster(await caseScope(options.cases.get(caseId), options.runtime.resourcesDir, null))
      : [];
    return {
      open: room !== undefined,
      paused: room?.paused ?? false,
      link: room?.link ?? null,
      address: room?.origin ?? null,
      spokenCode: room?.spokenCode ?? null,
      devices: room?.deviceList() ?? [],
      progress: roster,
    };
  };

  const roomFor = (caseId: string): PanelRoom => {
    const room = rooms.get(caseId);
    if (!room) throw new UserFacingError('ROOM_UNAVAILABLE', 'The panel room is not open.');
    return room;
  };

  const close = async (caseId: string, why: RoomClosing, by: string) => {
    const room = rooms.get(caseId);
    if (!room) return;
    rooms.delete(caseId);
    await room.close();
    await record(caseId, by, 'room.closed', { why: CLOSED_BECAUSE[why] });
  };

  return {
    // An address set for this computer is the only place the room can listen, so it is the only choice offered.
    interfaces: () => (forced ? [{ name: ROOM_ADDRESS_VARIABLE, address: forced }] : roomInterfaces()),
    open: async (caseId, openedBy, asked) => {
      if (!rooms.has(caseId)) {
        const scope = await caseScope(options.cases.get(caseId), options.runtime.resourcesDir, null);
        const cannot = await roomCannotOpenBecause(scope);
        if (cannot) throw new UserFacingError('WRONG_STAGE', cannot);
        const address = chooseAddress(asked);
        const room = new PanelRoom({
          caseId,
          address,
          runtime: options.runtime,
          cases: options.cases,
          handlers: options.handlers,
          // Read when the room opens, so a rebuilt page is served by the next room.
          pages: loadMemberPages(memberPagesDir),
          ...(options.now ? { now: options.now } : {}),
          onReplaced: (member, device, replaced) =>
            record(caseId, member, 'room.device_replaced', { device, replaced }),
        });
        await room.listen().catch((error: unknown) => {
          throw new UserFacingError(
            'ROOM_UNAVAILABLE',
            `The room could not listen on ${address} (${(error as NodeJS.ErrnoException).code ?? 'error'}). Choose another network, or check this computer’s firewall.`,
          );
        });
        rooms.set(caseId, room);
        await record(caseId, openedBy, 'room.opened', { address: room.origin });
      }
      return state(caseId);
    },
    state,
    signOutDevice: async (caseId, deviceId, by) => {
      if (roomFor(caseId).signOutDevice(deviceId))
        await record(caseId, by, 'room.device_signed_out', { device: deviceId });
      return state(caseId);
    },
    pause: async (caseId, paused, by) => {
      const room = roomFor(caseId);
      if (room.paused !== paused) {
        room.paused = paused;
        await record(caseId, by, paused ? 'room.paused' : 'room.resumed', {});
      }
      return state(caseId);
    },
    close,
    openRooms: () =>
      [...rooms.values()].map((room) => ({ caseId: room.caseId, devices: room.deviceList().length })),
    closeAll: async (why) => {
      await Promise.all([...rooms.keys()].map((caseId) => close(caseId, why, 'the app')));
    },
  };
}
