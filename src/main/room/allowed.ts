import type { OperationName, Result } from '../../shared/api';
import { SCORING_NOT_OPEN_YET } from '../../shared/room/stages';
import type { CycleStatus } from '../casefile';

/** The stages a room's operations open at. */
type RoomStage = 'preparing' | 'scoring' | 'moderation';

/**
 * Everything a member's device may ask of the room, and nothing else, ever, each from the stage it
 * opens at: from the start (the room can open while the panel prepares) where the assessment has got
 * to (its stages, no one's work), sign in (or choose their own PIN), declare conflicts, read the
 * standard and the evidence register; once scoring opens score and submit; once moderation opens
 * see it and record dissent. Each call still goes through the dispatcher with the device's own
 * session, so the operation's own access rules apply on top.
 */
const ROOM_MEMBER_OPERATIONS_FROM: Readonly<Partial<Record<OperationName, RoomStage>>> = {
  'case.progress': 'preparing',
  'panel.list': 'preparing',
  'panel.signInChoices': 'preparing',
  'panel.signIn': 'preparing',
  'panel.choosePin': 'preparing',
  'panel.pinResetChallenge': 'preparing',
  'panel.requestPinReset': 'preparing',
  'panel.pinResetStatus': 'preparing',
  'panel.choosePinOnDevice': 'preparing',
  'panel.signOut': 'preparing',
  'panel.declareConflict': 'preparing',
  'standard.forCase': 'preparing',
  'evidence.list': 'preparing',
  'evidence.page': 'preparing',
  'evidence.attachmentInfo': 'preparing',
  'evidence.viewAttachment': 'preparing',
  'scoring.mySheet': 'scoring',
  'scoring.saveScore': 'scoring',
  'scoring.submitSheet': 'scoring',
  'moderation.view': 'moderation',
  'moderation.dissent': 'moderation',
};

/** Looked up by the name a device sends, so only these names are found (never `constructor` and the like). */
const OPENS_FROM = new Map(Object.entries(ROOM_MEMBER_OPERATIONS_FROM) as [OperationName, RoomStage][]);

export const ROOM_MEMBER_OPERATIONS: ReadonlySet<OperationName> = new Set(OPENS_FROM.keys());

/** The assessment's status in the order they come: moderating, decided and certified are all past moderation's opening. */
const STAGE_ORDER: Record<CycleStatus, number> = {
  preparing: 0,
  scoring: 1,
  moderating: 2,
  decided: 2,
  certified: 2,
  withdrawn: 0,
};
const OPENS_AT: Record<Exclude<RoomStage, 'preparing'>, number> = { scoring: 1, moderation: 2 };

const NOT_YET: Record<Exclude<RoomStage, 'preparing'>, string> = {
  scoring: SCORING_NOT_OPEN_YET,
  moderation: 'Moderation has not opened yet: the lead assessor opens it once the score sheets are in.',
};

type Refusal = Extract<Result<unknown>, { ok: false }>;

/**
 * The room's one rule: whether a device may ask for `name` now. Where the assessment has got to
 * (`status`) is read only for what waits for a stage this room has not yet seen open; stages only
 * move on, and once one is open the operation's own stage rules (scoring closed, say) decide the
 * rest, so an autosave costs nothing more.
 */
export class RoomRule {
  /** The furthest stage this room has seen the assessment reach. */
  private reached = 0;

  constructor(private readonly status: () => Promise<CycleStatus>) {}

  async allows(name: string): Promise<{ ok: true; name: OperationName } | Refusal> {
    const from = OPENS_FROM.get(name as OperationName);
    if (from === undefined) {
      return refusal('FORBIDDEN', 'This cannot be done from a device in the panel room.');
    }
    if (from === 'preparing') return { ok: true, name: name as OperationName };
    if (OPENS_AT[from] > this.reached) this.reached = STAGE_ORDER[await this.status()];
    if (OPENS_AT[from] > this.reached) return refusal('WRONG_STAGE', NOT_YET[from]);
    return { ok: true, name: name as OperationName };
  }
}

function refusal(code: 'FORBIDDEN' | 'WRONG_STAGE', message: string): Refusal {
  return { ok: false, error: { code, message } };
}

/** Calls after which the device's session has a member signed in (one device per member). */
export const SIGNS_IN: ReadonlySet<string> = new Set([
  'panel.signIn',
  'panel.choosePin',
  'panel.choosePinOnDevice',
]);
