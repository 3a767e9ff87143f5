import { randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { PinResetAnswer, PinResetRequest, PinResetStatus } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import {
  DEVICE_SECRET_BYTES,
  deviceSecretHash,
  newPinDigest,
  pinResetProof,
  type PinResetStep,
} from '../../shared/room/pin-reset';
import { fromBase64Url, toBase64Url } from '../../shared/room/wire';
import { hashPin, type CaseFile } from '../casefile';
import { auditLabel, currentCycle, type CaseScope, type OpenCaseScope } from '../case';
import { requireLead } from './actor';
import { recordPanelChange } from './changes';
import { countTry, uncountTry } from './members';
import { type CaseDb, type MemberRecord, requireMember } from './records';

/**
 * A member who forgot their PIN while scoring, on the device they signed in on through the panel
 * room: that device asks, the lead confirms (or refuses) with a reason, and the member chooses a new
 * PIN on that device alone. The lead never sets or learns it, and nobody can ask from any other
 * device, so the member's sealed scores stay theirs.
 *
 * The room gives the device a 256-bit secret at each sign-in there; the case file keeps its hash.
 * Each step sends the secret with an HMAC of it over the step, bound to a one-time nonce the room
 * gave out (kept in memory, for two minutes), inside the room's sealed, counted calls.
 */

export type DeviceKind = 'phone' | 'tablet' | 'laptop';

/** How long a request waits for the lead, and how long a confirmed one waits for the new PIN. */
export const PIN_RESET_LIFETIME_MS = 10 * 60_000;
const NONCE_LIFETIME_MS = 2 * 60_000;
const NONCES_PER_MEMBER = 8;

interface Nonce {
  memberId: string;
  expiresAt: number;
}

/** The nonces given out, per open case file (gone with it), per member, oldest first. */
const noncesByFile = new WeakMap<CaseFile, Map<string, Map<string, Nonce>>>();

/** The steps' inputs: who, which device, its secret, a nonce from the room and the HMAC over them. */
export interface DeviceProof {
  caseId: string;
  memberId: string;
  deviceId: string;
  secret: string;
  nonce: string;
  proof: string;
}

/** At each sign-in through the room: a new secret for this device, replacing the member's last one. */
export async function issueDeviceSecret(
  scope: OpenCaseScope,
  member: { id: string; name: string; role: MemberRecord['role'] },
  kind: DeviceKind,
): Promise<{ deviceId: string; secret: string }> {
  const secret = new Uint8Array(randomBytes(DEVICE_SECRET_BYTES));
  const deviceId = randomBytes(16).toString('base64url');
  const row = {
    member_id: member.id,
    device_id: deviceId,
    device_kind: kind,
    secret_sha256: deviceSecretHash(secret),
    issued_at: new Date().toISOString(),
  };
  await scope.caseFile.mutate(
    auditLabel(member),
    'panel.device_secret_issued',
    { memberId: member.id, deviceId, deviceKind: kind },
    async (trx) => {
      await trx
        .insertInto('member_device')
        .values(row)
        .onConflict((conflict) =>
          conflict.column('member_id').doUpdateSet({
            device_id: row.device_id,
            device_kind: row.device_kind,
            secret_sha256: row.secret_sha256,
            issued_at: row.issued_at,
          }),
        )
        .execute();
    },
  );
  return { deviceId, secret: toBase64Url(secret) };
}

/** A one-time nonce for a member's next step (at most a few per member; the oldest goes first). */
export async function givePinResetNonce(scope: OpenCaseScope, memberId: string): Promise<string> {
  const cycle = await currentCycle(scope.caseFile.db);
  await requireMember(scope.caseFile.db, cycle.id, memberId);
  const byMember = noncesFor(scope.caseFile);
  const given = byMember.get(memberId) ?? new Map<string, Nonce>();
  const now = Date.now();
  for (const [nonce, entry] of given) if (entry.expiresAt <= now) given.delete(nonce);
  while (given.size >= NONCES_PER_MEMBER) given.delete(given.keys().next().value as string);
  const nonce = randomBytes(16).toString('base64url');
  given.set(nonce, { memberId, expiresAt: now + NONCE_LIFETIME_MS });
  byMember.set(memberId, given);
  return nonce;
}

/** Step 1: the member asks, from their own device, while scoring is open. */
export async function requestPinReset(
  scope: OpenCaseScope,
  ask: DeviceProof,
  kind: DeviceKind,
): Promise<PinResetAnswer> {
  const member = await proveDevice(scope, 'request', ask);
  const cycle = await currentCycle(scope.caseFile.db);
  if (cycle.status !== 'scoring') {
    throw new UserFacingError(
      'WRONG_STAGE',
      'A new PIN can be asked for from your device only while scoring is open. Ask the lead assessor.',
    );
  }
  const now = new Date();
  const expiresAt = new Date(now.getTime() + PIN_RESET_LIFETIME_MS).toISOString();
  const id = randomUUID();
  await scope.caseFile.mutate(
    auditLabel(member),
    'panel.pin_reset_requested',
    { memberId: member.id, deviceId: ask.deviceId, requestId: id, expiresAt },
    async (trx) => {
      // An earlier request still open from this member is replaced by this one.
      await trx
        .updateTable('pin_reset_request')
        .set({ status: 'withdrawn' })
        .where('member_id', '=', member.id)
        .where('status', 'in', ['waiting', 'confirmed'])
        .execute();
      await trx
        .insertInto('pin_reset_request')
        .values({
          id,
          member_id: member.id,
          device_id: ask.deviceId,
          device_kind: kind,
          requested_at: now.toISOString(),
          expires_at: expiresAt,
          status: 'waiting',
          decided_by: null,
          decided_at: null,
          reason: null,
        })
        .execute();
    },
  );
  return { status: 'waiting', reason: null, expiresAt };
}

/** How the member's latest request stands, told only to their own device. */
export async function pinResetStatus(scope: OpenCaseScope, ask: DeviceProof): Promise<PinResetAnswer> {
  const member = await proveDevice(scope, 'status', ask);
  const latest = await latestRequest(scope.caseFile.db, member.id, ask.deviceId);
  return standing(latest);
}

/** Step 2: the lead, on their own screen, confirms or refuses, with the reason. */
export async function decidePinReset(
  scope: CaseScope,
  requestId: string,
  decision: 'confirm' | 'refuse',
  reason: string,
): Promise<{ decided: 'confirmed' | 'refused' }> {
  requireLead(scope.actor);
  const lead = scope.actor;
  const decided = decision === 'confirm' ? 'confirmed' : 'refused';
  await scope.caseFile.mutate(
    lead.label,
    decision === 'confirm' ? 'panel.pin_reset_confirmed' : 'panel.pin_reset_refused',
    { requestId, reason },
    async (trx) => {
      const cycle = await currentCycle(trx);
      const request = await trx
        .selectFrom('pin_reset_request')
        .selectAll()
        .where('id', '=', requestId)
        .executeTakeFirst();
      if (!request || request.status !== 'waiting' || Date.parse(request.expires_at) <= Date.now()) {
        throw new UserFacingError(
          'NOT_FOUND',
          'That request for a new PIN is no longer waiting (it was answered, replaced or it lapsed). Ask the member to ask again from their device.',
        );
      }
      if (cycle.status !== 'scoring') {
        throw new UserFacingError(
          'WRONG_STAGE',
          'Scoring has closed, so a PIN can no longer be reset this way.',
        );
      }
      const member = await requireMember(trx, cycle.id, request.member_id);
      const now = new Date();
      await trx
        .updateTable('pin_reset_request')
        .set({
          status: decided,
          decided_by: lead.memberId,
          decided_at: now.toISOString(),
          reason,
          // A confirmed request gives the member the same time again to choose their PIN.
          ...(decided === 'confirmed'
            ? { expires_at: new Date(now.getTime() + PIN_RESET_LIFETIME_MS).toISOString() }
            : {}),
        })
        .where('id', '=', requestId)
        .execute();
      if (decided === 'confirmed') {
        await recordPanelChange(trx, cycle, {
          member,
          kind: 'pin_reset',
          reason: `Asked for by ${member.name} from their own device; ${member.name} chose the new PIN there. ${reason}`,
          changedBy: lead.memberId,
        });
      }
    },
  );
  return { decided };
}

/** Step 3: the member chooses the new PIN on that same device; nobody else ever sees it. */
export async function choosePinOnDevice(
  scope: OpenCaseScope,
  ask: DeviceProof,
  newPin: string,
): Promise<MemberRecord> {
  const member = await proveDevice(scope, 'choose', ask, newPinDigest(newPin));
  const pinHash = await hashPin(newPin);
  await scope.caseFile.mutate(
    auditLabel(member),
    'panel.pin_chosen_on_device',
    { memberId: member.id, deviceId: ask.deviceId },
    async (trx) => {
      const request = await latestRequest(trx, member.id, ask.deviceId);
      if (standing(request).status !== 'confirmed' || !request) {
        throw new UserFacingError(
          'FORBIDDEN',
          'The lead assessor has not confirmed a new PIN for you on this device, or it lapsed. Ask again.',
        );
      }
      await trx
        .updateTable('pin_reset_request')
        .set({ status: 'pin_chosen' })
        .where('id', '=', request.id)
        .execute();
      await trx
        .updateTable('panel_member')
        .set({ pin_hash: pinHash, must_choose_pin: 0, wrong_pins: 0, pin_paused_until: null })
        .where('id', '=', member.id)
        .execute();
    },
  );
  return member;
}

/** The members waiting for the lead's answer, oldest first. */
export async function pinResetRequests(scope: CaseScope): Promise<PinResetRequest[]> {
  requireLead(scope.actor);
  const db = scope.caseFile.db;
  const cycle = await currentCycle(db);
  const rows = await db
    .selectFrom('pin_reset_request')
    .innerJoin('panel_member', 'panel_member.id', 'pin_reset_request.member_id')
    .select([
      'pin_reset_request.id',
      'pin_reset_request.member_id',
      'panel_member.name',
      'pin_reset_request.device_kind',
      'pin_reset_request.requested_at',
      'pin_reset_request.expires_at',
    ])
    .where('panel_member.cycle_id', '=', cycle.id)
    .where('pin_reset_request.status', '=', 'waiting')
    .where('pin_reset_request.expires_at', '>', new Date().toISOString())
    .orderBy('pin_reset_request.requested_at')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    memberId: row.member_id,
    memberName: row.name,
    deviceKind: row.device_kind,
    requestedAt: row.requested_at,
    expiresAt: row.expires_at,
  }));
}

/**
 * Checks a step comes from the member's own device: the device they last signed in on through the
 * room, its secret, an unused nonce the room gave for this member, and the HMAC over all of it. Each
 * try counts against the member's wrong-PIN limit, as a PIN would (and waits out the same pauses).
 */
async function proveDevice(
  scope: OpenCaseScope,
  step: PinResetStep,
  ask: DeviceProof,
  pinDigest?: string,
): Promise<MemberRecord> {
  const db = scope.caseFile.db;
  const cycle = await currentCycle(db);
  const member = await requireMember(db, cycle.id, ask.memberId);
  const device = await db
    .selectFrom('member_device')
    .selectAll()
    .where('member_id', '=', member.id)
    .executeTakeFirst();
  if (!device) throw noDeviceSecret(member);
  await countTry(scope, member);
  const nonceKnown = takeNonce(scope.caseFile, member.id, ask.nonce);
  const secret = fromBase64Url(ask.secret);
  const proved =
    nonceKnown &&
    secret !== null &&
    device.device_id === ask.deviceId &&
    sameText(deviceSecretHash(secret), device.secret_sha256) &&
    sameText(
      pinResetProof(secret, {
        step,
        caseId: ask.caseId,
        memberId: member.id,
        deviceId: ask.deviceId,
        nonce: ask.nonce,
        ...(pinDigest === undefined ? {} : { newPinDigest: pinDigest }),
      }),
      ask.proof,
    );
  if (!proved) throw noDeviceSecret(member);
  await uncountTry(scope, member);
  return member;
}

function noDeviceSecret(member: MemberRecord): UserFacingError {
  return new UserFacingError(
    'FORBIDDEN',
    `${member.name} can ask for a new PIN only from the device they last signed in on in this room. Ask the lead assessor.`,
  );
}

function takeNonce(caseFile: CaseFile, memberId: string, nonce: string): boolean {
  const given = noncesFor(caseFile).get(memberId);
  const entry = given?.get(nonce);
  given?.delete(nonce);
  return entry !== undefined && entry.memberId === memberId && entry.expiresAt > Date.now();
}

function noncesFor(caseFile: CaseFile): Map<string, Map<string, Nonce>> {
  let byMember = noncesByFile.get(caseFile);
  if (!byMember) {
    byMember = new Map();
    noncesByFile.set(caseFile, byMember);
  }
  return byMember;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

type RequestRow = Awaited<ReturnType<typeof latestRequest>>;

async function latestRequest(db: CaseDb, memberId: string, deviceId: string) {
  return db
    .selectFrom('pin_reset_request')
    .selectAll()
    .where('member_id', '=', memberId)
    .where('device_id', '=', deviceId)
    .where('status', '!=', 'withdrawn')
    .orderBy('requested_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

function standing(request: RequestRow): PinResetAnswer {
  if (!request || request.status === 'pin_chosen' || request.status === 'withdrawn') {
    return { status: 'none', reason: null, expiresAt: null };
  }
  if (request.status === 'refused') return { status: 'refused', reason: request.reason, expiresAt: null };
  const lapsed = Date.parse(request.expires_at) <= Date.now();
  const status: PinResetStatus = lapsed ? 'expired' : request.status;
  return { status, reason: null, expiresAt: lapsed ? null : request.expires_at };
}
