import {
  SIGNED_IN_AS_FIELD,
  type CopanelClient,
  type InputOf,
  type OperationName,
  type OutputOf,
  type Result,
  type SignedInMember,
} from '../../../shared/api';
import {
  readRoomLink,
  RoomClient,
  RoomRefused,
  RoomUnreachable,
  type RoomAnswer,
  type RoomDeviceState,
  type RoomTransport,
} from '../../../shared/room/client';
import { ROOM_WAIT } from '../../../shared/room/wire';
import { pinResetStep, type HeldDeviceSecret, type PinResetStep } from '../../../shared/room/pin-reset';
import { DeviceSecrets, KeptAnswers, type KeptFor } from './kept';
import { deviceKind, pageKeyAgreement } from './keys';

/** What the member pages show about the device's place in the room. */
export interface MemberState {
  signedIn: SignedInMember | null;
  /** Said by the room with an answer (e.g. "you signed in on another device, so you have been signed out here"). */
  notice: string | null;
  /** False while the room cannot be reached. */
  reachable: boolean;
  /**
   * True once the room has not been reached for `OUT_OF_TOUCH_MS` (it may have closed with the case
   * file, or the lead's computer gone): what the room showed of the others' scores is hidden then.
   */
  outOfTouch: boolean;
  /** How many of the signed-in member's answers are kept on this device, waiting to be sent. */
  kept: number;
  /**
   * Answers kept on this device for members not signed in here now (one signed out, another signed
   * in): never sent as anyone else; they go when that member signs in on this device again.
   */
  keptForOthers: KeptForOther[];
  /** Where the assessment has got to ("scoring", "moderation"…), as last heard; null until then. */
  phase: string | null;
  /**
   * The lead closed the room and this device heard it (it was waiting, or calling, as the room
   * closed). For good: the room does not come back (a new room has a new link and address).
   */
  closed: boolean;
}

const LINK_KEY = 'copanel-room-link';
const DEVICE_KEY = 'copanel-room-device';
const MEMBER_KEY = 'copanel-room-member';
const UNREACHABLE =
  'The panel room cannot be reached. Check this device is on the room’s Wi-Fi; it tries again by itself.';
const FORGOTTEN =
  'The panel room has closed, or no longer knows this device. Ask the lead assessor for the room’s QR code and scan it again.';
export const KEPT_MESSAGE = 'Kept on this device — will send when the room is back.';
export const ROOM_CLOSED =
  'The lead assessor has closed the panel room. Your saved answers are kept in the case file.';
/** How long the room can stay out of reach before the page hides what it showed of the others. */
export const OUT_OF_TOUCH_MS = 2 * 60_000;

/** One member's answers kept on this device while someone else (or nobody) is signed in here. */
export interface KeptForOther {
  memberId: string;
  name: string;
  criteria: string[];
}

type Listener = (state: MemberState) => void;

/**
 * The member pages' one way to the room: every call sealed by the RoomClient with this device's
 * own key, and what the page shows (who is signed in, notices, the network) followed from the
 * room's answers. An answer that cannot reach the room is kept on the device, sealed, and sent
 * when the room is back.
 */
export class RoomMemberConnection implements CopanelClient {
  private state: MemberState;
  private readonly listeners = new Set<Listener>();
  /** Saves of one criterion go one after another, so an older answer never lands after a newer one. */
  private readonly chains = new Map<string, Promise<unknown>>();
  /** Runs out `OUT_OF_TOUCH_MS` after the room was first found out of reach. */
  private outOfTouchTimer: ReturnType<typeof setTimeout> | null = null;
  /** The member last signed in on this device (kept after they are signed out, for the room's closing). */
  private lastSignedIn: SignedInMember | null = null;

  private constructor(
    private readonly client: RoomClient,
    private readonly storage: Storage,
    private readonly kept: KeptAnswers,
    /** A device this tab was before the room forgot it: its key still opens what it kept. */
    private readonly earlier: RoomClient | null,
    private readonly secrets: DeviceSecrets,
  ) {
    this.state = {
      signedIn: readMember(storage),
      notice: null,
      reachable: true,
      outOfTouch: false,
      kept: 0,
      keptForOthers: [],
      phase: null,
      closed: false,
    };
    this.state = { ...this.state, ...this.keptState(this.state.signedIn) };
    this.lastSignedIn = this.state.signedIn;
    kept.subscribe(() => this.update({}));
  }

  /**
   * Joins the room from the link in the address (or, after a reload, carries on as the same
   * device). The link is taken out of the address bar at once. Null when the page has no link.
   * `post` stands in for fetch in tests.
   */
  static async connect(win: Window, post?: RoomTransport): Promise<RoomMemberConnection | null> {
    const storage = win.sessionStorage;
    if (/[#&]room=/.test(win.location.hash)) {
      const fresh = win.location.href;
      if (storage.getItem(LINK_KEY) !== fresh) {
        storage.setItem(LINK_KEY, fresh);
        storage.removeItem(DEVICE_KEY);
        storage.removeItem(MEMBER_KEY);
      }
      win.history.replaceState(null, '', win.location.pathname);
    }
    const link = storage.getItem(LINK_KEY);
    const room = link ? readRoomLink(link) : null;
    if (!link || !room) return null;
    const secrets = new DeviceSecrets(win.localStorage, room.secret);
    const keep = (state: RoomDeviceState) => storage.setItem(DEVICE_KEY, JSON.stringify(state));
    const kept = new KeptAnswers(storage);
    const saved = readDevice(storage);
    const resumed = saved ? RoomClient.resume(saved, post, keep) : null;
    if (resumed) {
      const probe = await resumed.call('case.progress', { caseId: resumed.caseId }).catch((e: unknown) => e);
      if (!(probe instanceof RoomRefused))
        return new RoomMemberConnection(resumed, storage, kept, null, secrets);
      storage.removeItem(MEMBER_KEY);
    }
    const client = await RoomClient.join(link, deviceKind(win), pageKeyAgreement(), post, keep);
    return new RoomMemberConnection(client, storage, kept, resumed, secrets);
  }

  get caseId(): string {
    return this.client.caseId;
  }

  current(): MemberState {
    return this.state;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Asks the room every so often where the assessment has got to. Its answers also carry the room's
   * notices (signed out because the member signed in elsewhere) and bring kept answers home.
   * A failed ask only says the room cannot be reached; it never takes the member's screen away.
   */
  watch(everyMs: number): () => void {
    const ask = async () => {
      const result = await this.send('case.progress', { caseId: this.caseId });
      if (result.ok) this.update({ phase: (result.value as { phase: string }).phase });
    };
    void ask();
    const timer = setInterval(() => void ask(), everyMs);
    return () => clearInterval(timer);
  }

  /**
   * Keeps a wait with the room, so that the room can say at once that it has closed (after it
   * closes nothing listens, and a device that did not hear it only finds the room out of reach).
   * A wait that cannot reach the room is tried again after `retryMs`; the watch says it is out of reach.
   */
  hearClosing(retryMs: number): () => void {
    let stopped = false;
    const wait = async () => {
      while (!stopped && !this.state.closed) {
        const answer = await this.client.call(ROOM_WAIT, {}).catch(() => null);
        if (answer?.closed) this.heardClosed();
        else if (!answer) await new Promise((resolve) => setTimeout(resolve, retryMs));
      }
    };
    void wait();
    return () => {
      stopped = true;
    };
  }

  /** The criteria whose answers are kept on this device, not yet sent (anyone's). */
  keptCriteria(): string[] {
    return [...new Set(this.kept.entries().map((entry) => entry.criterionId))];
  }

  /** Whether this device holds the secret the room gave it when this member last signed in here. */
  holdsSecretFor(memberId: string): boolean {
    return this.secrets.get(memberId) !== null;
  }

  /** One step of a forgotten-PIN reset, proved with this device's secret for the member. */
  async pinReset(memberId: string, step: PinResetStep, newPin?: string): Promise<Result<unknown>> {
    const held = this.secrets.get(memberId);
    if (!held) return { ok: false, error: { code: 'FORBIDDEN', message: NO_SECRET } };
    return pinResetStep((name, input) => this.send(name, input), this.caseId, held, step, newPin);
  }

  dismissNotice(): void {
    this.update({ notice: null });
  }

  async call<N extends OperationName>(name: N, input: InputOf<N>): Promise<Result<OutputOf<N>>> {
    const result =
      name === 'scoring.saveScore'
        ? await this.saveAnswer(input as InputOf<'scoring.saveScore'>)
        : await this.send(name, input);
    return result as Result<OutputOf<N>>;
  }

  /**
   * Keeps an answer not saved yet on this device, sealed, synchronously: called as the page is put
   * away or reloaded, before the pause after typing has passed. It is sent with the other kept
   * answers when the page is back; a save of it that reaches the room first lets it go.
   */
  keepUnsent(input: InputOf<'scoring.saveScore'>): void {
    const member = this.typedBy(input);
    if (!member || !isSaveInput(input, this.caseId)) return;
    this.kept.keep(member, input.criterionId, this.client.sealKept(input));
  }

  /**
   * Sends the signed-in member's answers kept on this device (after the network comes back, a
   * reload, or as they sign in), each naming them (`SIGNED_IN_AS_FIELD`), so the room refuses it if
   * someone else is signed in on this device by then. Other members' answers stay kept.
   */
  sendKept(): Promise<void> {
    const memberId = this.state.signedIn?.memberId;
    return Promise.all(
      this.kept
        .entries()
        .filter((kept) => kept.memberId === memberId)
        .map(({ memberId, criterionId }) =>
          this.inTurn(criterionId, async () => {
            const entry = this.kept.get(memberId, criterionId);
            if (!entry) return;
            const input = this.client.openKept(entry.sealed) ?? this.earlier?.openKept(entry.sealed) ?? null;
            if (!isSaveInput(input, this.caseId) || input.criterionId !== criterionId)
              return this.kept.drop(memberId, criterionId, entry.stamp);
            const result = await this.send('scoring.saveScore', { ...input, [SIGNED_IN_AS_FIELD]: memberId });
            // Refused for a reason of its own (scoring closed, a bad answer): nothing more can be done with it.
            if (result.ok || !STAYS_KEPT.has(result.error.code))
              this.kept.drop(memberId, criterionId, entry.stamp);
          }),
        ),
    ).then(() => undefined);
  }

  /**
   * The member an answer was typed for: the one the page named (`SIGNED_IN_AS_FIELD`), who must be
   * the one signed in here; null when that cannot be said (then the answer is not kept).
   */
  private typedBy(input: unknown): KeptFor | null {
    // After the room closed nobody is signed in here: what the page still saves was typed by the last.
    const signedIn = this.state.signedIn ?? (this.state.closed ? this.lastSignedIn : null);
    const named = (input as Record<string, unknown> | null)?.[SIGNED_IN_AS_FIELD];
    if (!signedIn || (named !== undefined && named !== signedIn.memberId)) return null;
    return { memberId: signedIn.memberId, name: signedIn.name };
  }

  /** What the page says of kept answers: the signed-in member's count, and the others' by name. */
  private keptState(signedIn: SignedInMember | null): Pick<MemberState, 'kept' | 'keptForOthers'> {
    const entries = this.kept.entries();
    const others = new Map<string, KeptForOther>();
    for (const entry of entries) {
      if (entry.memberId === signedIn?.memberId) continue;
      const other = others.get(entry.memberId) ?? {
        memberId: entry.memberId,
        name: entry.memberName,
        criteria: [],
      };
      other.criteria.push(entry.criterionId);
      others.set(entry.memberId, other);
    }
    for (const other of others.values()) other.criteria.sort();
    return {
      kept: entries.filter((entry) => entry.memberId === signedIn?.memberId).length,
      keptForOthers: [...others.values()],
    };
  }

  /** Saves one answer; if the room cannot be reached, keeps it (sealed) and says so. */
  private saveAnswer(input: InputOf<'scoring.saveScore'>): Promise<Result<unknown>> {
    return this.inTurn(input.criterionId, async () => {
      const before = this.kept.now();
      const member = this.typedBy(input);
      const result = await this.send('scoring.saveScore', input);
      if (result.ok) {
        if (member) this.kept.drop(member.memberId, input.criterionId, before);
        return result;
      }
      if (result.error.code !== 'ROOM_UNREACHABLE' || !member) return result;
      this.kept.keep(member, input.criterionId, this.client.sealKept(input));
      return { ok: false, error: { code: 'KEPT_ON_DEVICE', message: KEPT_MESSAGE } };
    });
  }

  private inTurn<T>(criterionId: string, work: () => Promise<T>): Promise<T> {
    const next = (this.chains.get(criterionId) ?? Promise.resolve()).then(work, work);
    this.chains.set(criterionId, next);
    return next;
  }

  private async send(name: string, input: unknown): Promise<Result<unknown>> {
    // Nothing listens after the room closes: an answer is kept on the device, and the page says so.
    if (this.state.closed) return { ok: false, error: { code: 'ROOM_UNREACHABLE', message: ROOM_CLOSED } };
    let answer: RoomAnswer;
    try {
      answer = await this.client.call(name, input);
    } catch (error) {
      if (error instanceof RoomUnreachable) {
        this.lostTouch();
        return { ok: false, error: { code: 'ROOM_UNREACHABLE', message: UNREACHABLE } };
      }
      if (error instanceof RoomRefused) {
        this.inTouch();
        this.update({ reachable: true, signedIn: null });
        return { ok: false, error: { code: 'ROOM_UNAVAILABLE', message: FORGOTTEN } };
      }
      throw error;
    }
    if (answer.closed) {
      this.heardClosed();
      return { ok: false, error: { code: 'ROOM_UNREACHABLE', message: ROOM_CLOSED } };
    }
    const wasUnreachable = !this.state.reachable;
    this.follow(name, answer);
    if (wasUnreachable || (this.state.kept > 0 && SIGNS_IN.has(name))) void this.sendKept();
    return answer.result;
  }

  /** Who is signed in here follows the room's word after every call (signed out from another device, too). */
  private follow(name: string, answer: RoomAnswer): void {
    const { result, notice, signedIn } = answer;
    let member = signedIn ? this.state.signedIn : null;
    if (result.ok && SIGNS_IN.has(name)) {
      // The device's secret is kept sealed apart, never with who is signed in.
      const { device, ...who } = result.value as SignedInMember;
      if (device) this.secrets.keep({ memberId: who.memberId, ...device } satisfies HeldDeviceSecret);
      member = who;
    }
    if (member) this.storage.setItem(MEMBER_KEY, JSON.stringify(member));
    else this.storage.removeItem(MEMBER_KEY);
    this.inTouch();
    this.update({ reachable: true, signedIn: member, ...(notice ? { notice } : {}) });
  }

  /**
   * The lead closed the room: no one is signed in here now, and the page says so. (A reload finds
   * nothing listening: the page itself came from the room.)
   */
  private heardClosed(): void {
    this.storage.removeItem(MEMBER_KEY);
    this.inTouch();
    this.update({ closed: true, reachable: true, signedIn: null, notice: null });
  }

  /** The room cannot be reached: said at once; after a while, the page also hides what it showed. */
  private lostTouch(): void {
    this.update({ reachable: false });
    this.outOfTouchTimer ??= setTimeout(() => this.update({ outOfTouch: true }), OUT_OF_TOUCH_MS);
  }

  private inTouch(): void {
    if (this.outOfTouchTimer !== null) clearTimeout(this.outOfTouchTimer);
    this.outOfTouchTimer = null;
    if (this.state.outOfTouch) this.update({ outOfTouch: false });
  }

  private update(patch: Partial<MemberState>): void {
    const next = { ...this.state, ...patch };
    this.lastSignedIn = next.signedIn ?? this.lastSignedIn;
    this.state = { ...next, ...this.keptState(next.signedIn) };
    for (const listener of this.listeners) listener(this.state);
  }
}

const SIGNS_IN = new Set(['panel.signIn', 'panel.choosePin', 'panel.choosePinOnDevice']);
/**
 * Refusals after which a kept answer stays kept, to be sent later: the room out of reach, paused or
 * forgotten, or someone else (or nobody) signed in on this device now. Never sent as anyone else.
 */
const STAYS_KEPT = new Set(['ROOM_UNREACHABLE', 'ROOM_UNAVAILABLE', 'SIGNED_IN_ELSEWHERE', 'NOT_SIGNED_IN']);
const NO_SECRET =
  'This device cannot ask for a new PIN for you: only the device you last signed in on in this room can. Ask the lead assessor.';

function isSaveInput(value: unknown, caseId: string): value is InputOf<'scoring.saveScore'> {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { caseId?: unknown }).caseId === caseId &&
    typeof (value as { criterionId?: unknown }).criterionId === 'string'
  );
}

function readJson(storage: Storage, key: string): unknown {
  try {
    return JSON.parse(storage.getItem(key) ?? 'null') as unknown;
  } catch {
    return null;
  }
}

function readDevice(storage: Storage): RoomDeviceState | null {
  const value = readJson(storage, DEVICE_KEY) as Partial<RoomDeviceState> | null;
  return value &&
    typeof value.origin === 'string' &&
    typeof value.deviceId === 'string' &&
    typeof value.caseId === 'string' &&
    typeof value.key === 'string' &&
    typeof value.counter === 'number'
    ? (value as RoomDeviceState)
    : null;
}

function readMember(storage: Storage): SignedInMember | null {
  const value = readJson(storage, MEMBER_KEY) as Partial<SignedInMember> | null;
  return value && typeof value.memberId === 'string' && typeof value.name === 'string'
    ? (value as SignedInMember)
    : null;
}
