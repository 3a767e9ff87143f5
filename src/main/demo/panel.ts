import type { EvidenceFields, InputOf, MemberRole, OperationName, OutputOf } from '../../shared/api';
import {
  clientContext,
  COMMAND_LINE,
  invoke,
  type ApiContext,
  type Capabilities,
  type SchemeOffice,
} from '../api';
import type { CaseRegistry } from '../casefile';
import type { RuntimeEnvironment } from '../runtime';

/**
 * The one panel fixture: a case file with its panel set up through the API exactly as people do it
 * in the app (validation, who is asking and permission checks included), each member signed in on
 * their own client. The demo, the benchmarks and the tests build their panels with it.
 */

/** One person at the app — a window, a browser tab, a device in the panel room — with their own session. */
export class PanelClient {
  readonly ctx: ApiContext;
  /** Who signs in on this client, once they have. */
  memberId = '';

  /** `schemeOffice`: the scheme file this client may reach (a front door on this computer); none by default. */
  constructor(
    runtime: RuntimeEnvironment,
    cases: CaseRegistry,
    capabilities: Capabilities = COMMAND_LINE,
    schemeOffice?: SchemeOffice,
  ) {
    this.ctx = clientContext(runtime, cases, capabilities, schemeOffice);
  }

  call<N extends OperationName>(name: N, input: InputOf<N>): Promise<OutputOf<N>> {
    return invoke(name, input, this.ctx);
  }
}

export interface PanelMemberPlan {
  name: string;
  role: Exclude<MemberRole, 'lead'>;
  /** The PIN the member chooses for themself at their first sign-in (the lead gives them a one-time one). */
  pin: string;
  consentToBeNamed: boolean;
  /** A conflict of interest they declare; none when left out. */
  conflict?: string;
  /** Picked from the linked scheme's assessor directory (this entry) instead of typed in. */
  directoryId?: string;
}

export interface PanelPlan {
  /** The case file's name in the workspace folder. */
  fileName: string;
  organisation: string;
  passphrase: string;
  /** The lead; with `directoryId`, they link themself to that entry in the linked scheme's directory. */
  lead: { name: string; pin: string; directoryId?: string | undefined };
  members: readonly PanelMemberPlan[];
  evidence?: readonly EvidenceFields[];
  /** The lead's reason for letting each declared conflict stand. */
  conflictDecision?: string;
  /** Open scoring once the panel is set up. */
  openScoring?: boolean;
  /** Link the case to the scheme file open in the lead's app before the panel is added. */
  linkScheme?: boolean;
}

export interface BuiltPanel {
  caseId: string;
  path: string;
  lead: PanelClient;
  /** The other members, in the plan's order, each signed in on their own client. */
  members: PanelClient[];
  evidenceIds: string[];
}

/** Builds the panel the plan describes; `newClient` gives each person their own client of one app. */
export async function buildPanel(plan: PanelPlan, newClient: () => PanelClient): Promise<BuiltPanel> {
  const lead = newClient();
  const opened = await lead.call('case.create', {
    fileName: plan.fileName,
    organisationName: plan.organisation,
    passphrase: plan.passphrase,
    leadName: plan.lead.name,
    leadPin: plan.lead.pin,
  });
  const { caseId } = opened;
  lead.memberId = opened.signedIn?.memberId ?? '';
  if (plan.linkScheme) await lead.call('scheme.linkCase', { caseId, link: true });
  if (plan.lead.directoryId)
    await lead.call('scheme.linkLead', { caseId, assessorId: plan.lead.directoryId });
  const evidenceIds: string[] = [];
  for (const evidence of plan.evidence ?? [])
    evidenceIds.push((await lead.call('evidence.add', { caseId, evidence })).id);
  const members = await addMembers(lead, caseId, plan.members, newClient);
  await declareConflicts(lead, caseId, plan, members);
  if (plan.openScoring) await lead.call('scoring.open', { caseId });
  return { caseId, path: opened.path, lead, members, evidenceIds };
}

async function addMembers(
  lead: PanelClient,
  caseId: string,
  plans: readonly PanelMemberPlan[],
  newClient: () => PanelClient,
): Promise<PanelClient[]> {
  const members: PanelClient[] = [];
  for (const { name, role, pin, consentToBeNamed, directoryId } of plans) {
    const given = oneTimePinFor(pin);
    const added = directoryId
      ? await lead.call('scheme.addMemberFromDirectory', {
          caseId,
          assessorId: directoryId,
          role,
          pin: given,
        })
      : await lead.call('panel.addMember', { caseId, name, role, consentToBeNamed, pin: given });
    const client = newClient();
    await chooseOwnPin(client, caseId, added.id, given, pin);
    client.memberId = added.id;
    members.push(client);
  }
  return members;
}

/**
 * The one-time PIN the fixtures' lead types for a member whose own PIN will be `pin`: every digit
 * moved on by five, so it is never the same as the one they choose.
 */
export function oneTimePinFor(pin: string): string {
  return pin.replace(/\d/g, (digit) => String((Number(digit) + 5) % 10));
}

/**
 * A member's first sign-in, on their own client: the PIN the lead gave them works only to choose
 * their own, which signs them in.
 */
export async function chooseOwnPin(
  client: Pick<PanelClient, 'call'>,
  caseId: string,
  memberId: string,
  given: string,
  own: string,
): Promise<void> {
  await client.call('panel.choosePin', { caseId, memberId, pin: given, newPin: own });
}

/** Everyone declares for themselves; the lead decides on each declared conflict. */
async function declareConflicts(
  lead: PanelClient,
  caseId: string,
  plan: PanelPlan,
  members: readonly PanelClient[],
): Promise<void> {
  await lead.call('panel.declareConflict', {
    caseId,
    memberId: lead.memberId,
    declaration: { kind: 'none' },
  });
  for (const [index, member] of members.entries()) {
    const text = plan.members[index]?.conflict;
    await member.call('panel.declareConflict', {
      caseId,
      memberId: member.memberId,
      declaration: text ? { kind: 'declared', text } : { kind: 'none' },
    });
    if (text)
      await lead.call('panel.decideConflict', {
        caseId,
        memberId: member.memberId,
        outcome: 'allowed',
        reason: plan.conflictDecision ?? 'The lead assessor found no reason to exclude them.',
      });
  }
}
