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
import { chooseOwnPin, oneTimePinFor } from '../../../src/main/demo';
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

/** Anything that calls the API as one client: the tests' `Client`, the demo's `PanelClient`. */
export interface Caller {
  call<N extends OperationName>(name: N, input: InputOf<N>): Promise<OutputOf<N>>;
}

/** The lead of the panel tests' case. */
export const ASHA = { name: 'Asha Patel', pin: '2468' };

/** The rest of the panel tests' panel, with the PINs the lead gives them. */
export const RIVERSIDE_PANEL = {
  ben: { name: 'Ben Okafor', role: 'assessor', pin: '1357' },
  chloe: { name: 'Chloe Davis', role: 'assessor', pin: '8642' },
  dev: { name: 'Dev Singh', role: 'observer', pin: '1111' },
  eli: { name: 'Eli Brown', role: 'co_assessor', pin: '2222' },
} as const;

/** Someone the lead adds to the panel: named with consent unless told otherwise, with the PIN the lead types for them or none. */
export type NewMember = Omit<InputOf<'panel.addMember'>, 'caseId' | 'consentToBeNamed'> & {
  consentToBeNamed?: boolean;
};

/** The lead adds a member (a PIN the lead typed works once: the member then chooses their own). Returns their member id. */
export async function addedByLead(lead: Caller, caseId: string, member: NewMember): Promise<string> {
  const { consentToBeNamed = true, ...fields } = member;
  const { id } = await lead.call('panel.addMember', { caseId, consentToBeNamed, ...fields });
  return id;
}

/**
 * A member the lead adds with a PIN the lead typed (`member.pin`), who chooses their own (`ownPin`)
 * at their first sign-in on `firstSignIn`, their own client, where they are then signed in.
 * Returns their member id.
 */
export async function memberWithOwnPin(
  lead: Caller,
  firstSignIn: Caller,
  caseId: string,
  member: NewMember & { pin: string },
  ownPin: string,
): Promise<string> {
  const id = await addedByLead(lead, caseId, member);
  await chooseOwnPin(firstSignIn, caseId, id, member.pin, ownPin);
  return id;
}

/**
 * The lead adds one of the panel (by default named with consent, and given a one-time PIN); with a
 * PIN, the member then chooses their own (`member.pin`) at their first sign-in on `firstSignIn`,
 * their own client, where they are then signed in. Returns their member id.
 */
export async function addPanelMember(
  lead: Caller,
  caseId: string,
  member: (typeof RIVERSIDE_PANEL)[keyof typeof RIVERSIDE_PANEL],
  { consentToBeNamed = true, firstSignIn }: { consentToBeNamed?: boolean; firstSignIn?: Caller } = {},
): Promise<string> {
  const { name, role, pin } = member;
  if (!firstSignIn) return addedByLead(lead, caseId, { name, role, consentToBeNamed });
  return memberWithOwnPin(
    lead,
    firstSignIn,
    caseId,
    { name, role, consentToBeNamed, pin: oneTimePinFor(pin) },
    pin,
  );
}

/** An evidence item from the service manager, about criterion S1.1. */
export function documentEvidence(title: string): InputOf<'evidence.add'>['evidence'] {
  return {
    title,
    kind: 'document',
    source: 'Service manager',
    date: null,
    criteria: ['S1.1'],
    consent: 'not_needed',
    quote: '',
    notes: '',
  };
}

/**
 * The panel tests' case: Riverside Community Mind, made in the workspace by `lead` as Asha Patel
 * (who is then signed in there), with one evidence item per title. Returns the case's id, Asha's
 * member id and the evidence ids in the order of the titles.
 */
export async function riversideCase(
  lead: Caller,
  fileName: string,
  evidenceTitles: readonly string[] = [],
): Promise<{ caseId: string; path: string; leadId: string; evidenceIds: string[] }> {
  const opened = await lead.call('case.create', {
    fileName,
    organisationName: 'Riverside Community Mind',
    passphrase: PASSPHRASE,
    leadName: ASHA.name,
    leadPin: ASHA.pin,
  });
  const evidenceIds: string[] = [];
  for (const title of evidenceTitles)
    evidenceIds.push(
      (await lead.call('evidence.add', { caseId: opened.caseId, evidence: documentEvidence(title) })).id,
    );
  return { caseId: opened.caseId, path: opened.path, leadId: opened.signedIn?.memberId ?? '', evidenceIds };
}
