import { UserFacingError } from '../../shared/errors';
import type { ApiContext, PanelRooms } from './context';
import type { Handlers } from './handler';

type RoomOperation =
  'room.interfaces' | 'room.open' | 'room.state' | 'room.signOutDevice' | 'room.pause' | 'room.close';

function roomsOf(ctx: ApiContext): PanelRooms {
  const { rooms } = ctx.capabilities;
  if (!rooms) {
    throw new UserFacingError(
      'ROOM_UNAVAILABLE',
      'The panel room can be opened only from the lead’s own screen in the app (desktop or browser mode).',
    );
  }
  return rooms;
}

export const roomHandlers: Pick<Handlers, RoomOperation> = {
  'room.interfaces': (_input, ctx) => roomsOf(ctx).interfaces(),
  'room.open': ({ caseId, address }, ctx, scope) => roomsOf(ctx).open(caseId, scope.actor.label, address),
  'room.state': ({ caseId }, ctx) => roomsOf(ctx).state(caseId),
  'room.signOutDevice': ({ caseId, deviceId }, ctx, scope) =>
    roomsOf(ctx).signOutDevice(caseId, deviceId, scope.actor.label),
  'room.pause': ({ caseId, paused }, ctx, scope) => roomsOf(ctx).pause(caseId, paused, scope.actor.label),
  'room.close': async ({ caseId }, ctx, scope) => {
    const rooms = roomsOf(ctx);
    await rooms.close(caseId, 'lead', scope.actor.label);
    return rooms.state(caseId);
  },
};
