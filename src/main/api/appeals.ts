import type { AppealChange, AppealRecord, RegisterEntry } from '../../shared/api';
import { isUserFacingError } from '../../shared/errors';
import {
  appealsView,
  decideAppeal,
  formReviewPanel,
  recordAppeal,
  recordReplacementCertificate,
  type AppealPeriod,
} from '../appeals';
import type { CaseActor, OpenCaseScope } from '../case';
import { trustedRoots } from '../certificates';
import { linkedSchemeId } from '../panel';
import { ROLE_NAMES } from '../../shared/vocabulary';
import {
  importCertificatePdf,
  londonDate,
  recordRegisterEvent,
  UNDER_APPEAL,
  type RegisterEventInput,
} from '../register';
import { readSchemeSettings } from '../scheme';
import type { ApiContext } from './context';
import type { Handlers } from './handler';
import { openSchemeWithId, type OpenScheme } from './scheme-session';

/**
 * Appeals (src/main/appeals) and their one coupling to the scheme's register: when the case is
 * linked to a scheme file that is open here, an appeal suspends the certificate's register entry
 * ("under appeal"), a dismissed or upheld appeal lifts that hold (and only that: a suspension the
 * scheme office recorded for another reason stays), and the certificate issued after a varied
 * appeal is imported and supersedes the old one. Each is an ordinary register event
 * (recordRegisterEvent, audited in the scheme file) recorded under the name of who acted in the
 * case. When the scheme file is not linked or not open, the case file still records everything and
 * the answer says what the scheme office must record.
 */

/** Who acted in the case, as the register's history names them: "Eleri Vaughan, review panel lead, in the case file". */
function actedInCase(actor: CaseActor | null, role?: string): string {
  if (!actor) return 'someone in the case file';
  const named = ROLE_NAMES[actor.role];
  return `${actor.name}, ${role ?? named.charAt(0).toLowerCase() + named.slice(1)}, in the case file`;
}

/** The linked scheme file when it is open here, or why the register cannot be changed now. */
async function linkedScheme(ctx: ApiContext, scope: OpenCaseScope): Promise<OpenScheme | string> {
  const schemeId = await linkedSchemeId(scope);
  if (schemeId === null)
    return 'This case is not linked to a scheme file, so there is no register entry to change.';
  return (
    openSchemeWithId(ctx, schemeId) ??
    'The linked scheme file is not open here, so the register was not changed. Open it and record the change in the register, or ask the scheme office to.'
  );
}

/** The appeal period: the linked scheme's setting when its file is open here, else 28 days. */
async function appealPeriod(ctx: ApiContext, scope: OpenCaseScope): Promise<AppealPeriod> {
  const schemeId = await linkedSchemeId(scope);
  const open = schemeId === null ? undefined : openSchemeWithId(ctx, schemeId);
  const days = open ? (await readSchemeSettings(open.file)).appealDays : 28;
  return { days, from: open ? 'scheme' : schemeId === null ? 'default' : 'default_scheme_not_open' };
}

/** Records one event for a certificate in the linked register, and says in words what happened. */
async function registerEvent(
  ctx: ApiContext,
  scope: OpenCaseScope,
  event: Omit<RegisterEventInput, 'now' | 'onDate'>,
  done: string | ((entry: RegisterEntry) => string),
): Promise<string> {
  const scheme = await linkedScheme(ctx, scope);
  if (typeof scheme === 'string') return scheme;
  const now = new Date();
  try {
    const entry = await recordRegisterEvent(scheme.file, {
      ...event,
      onDate: londonDate(now),
      now,
      forAppeal: true,
    });
    return typeof done === 'string' ? done : done(entry);
  } catch (error) {
    if (isUserFacingError(error)) return `The register was not changed: ${error.message}`;
    throw error;
  }
}

async function change(ctx: ApiContext, scope: OpenCaseScope, register: string): Promise<AppealChange> {
  return { appeals: await appealsView(scope, await appealPeriod(ctx, scope)), register };
}

function decidedInRegister(ctx: ApiContext, scope: OpenCaseScope, appeal: AppealRecord): Promise<string> {
  const number = appeal.certificateNumber;
  if (number === null) return Promise.resolve('There is no certificate for this decision in the register.');
  if (appeal.outcome === 'varied')
    return Promise.resolve(
      `Certificate ${number} stays suspended in the register until the new certificate is issued; then it is marked as replaced by it.`,
    );
  return registerEvent(
    ctx,
    scope,
    {
      certificateNumber: number,
      kind: 'reinstated',
      reason: `appeal ${appeal.outcome}`,
      actor: actedInCase(scope.actor, 'review panel lead'),
    },
    (entry) =>
      entry.status.state === 'suspended'
        ? `Certificate ${number} stays suspended: the scheme office suspended it for another reason (${entry.status.reason ?? 'no reason given'}). Only the scheme office can reinstate it.`
        : `Certificate ${number} is reinstated in the register: the decision stands.`,
  );
}

/**
 * Called after a certificate is co-signed: if it replaces one on appeal, the case file marks the old
 * one superseded and, with the linked scheme file open, the register imports the new one and marks
 * the old one superseded by it. Returns what happened in words, or null when no appeal was waiting.
 */
export async function supersedeAfterAppeal(
  ctx: ApiContext,
  scope: OpenCaseScope,
  actorLabel: string,
): Promise<string | null> {
  const replaced = await recordReplacementCertificate(scope, actorLabel);
  if (!replaced) return null;
  const scheme = await linkedScheme(ctx, scope);
  if (typeof scheme === 'string') return scheme;
  const now = new Date();
  try {
    await importCertificatePdf(scheme.file, {
      pdf: replaced.newPdf,
      trustedRoots: trustedRoots(ctx.runtime.userDataDir),
      actor: scheme.actor,
      now,
      source: 'case_file',
    });
  } catch (error) {
    if (isUserFacingError(error))
      return `The new certificate was not added to the register: ${error.message}`;
    throw error;
  }
  return registerEvent(
    ctx,
    scope,
    {
      certificateNumber: replaced.oldNumber,
      kind: 'superseded',
      supersededBy: replaced.newNumber,
      actor: actedInCase(scope.actor),
    },
    `Certificate ${replaced.oldNumber} is marked in the register as replaced by ${replaced.newNumber}.`,
  );
}

type AppealOperation = 'appeal.view' | 'appeal.record' | 'appeal.formPanel' | 'appeal.decide';

export const appealHandlers: Pick<Handlers, AppealOperation> = {
  'appeal.view': async (_input, ctx, scope) => appealsView(scope, await appealPeriod(ctx, scope)),
  'appeal.record': async ({ receivedOn, grounds, lateReason }, ctx, scope) => {
    const appeal = await recordAppeal(
      scope,
      { receivedOn, grounds, lateReason },
      await appealPeriod(ctx, scope),
    );
    const register =
      appeal.certificateNumber === null
        ? 'This decision gave no certificate, so the register has nothing to suspend.'
        : await registerEvent(
            ctx,
            scope,
            {
              certificateNumber: appeal.certificateNumber,
              kind: 'suspended',
              reason: UNDER_APPEAL,
              actor: actedInCase(scope.actor),
            },
            `Certificate ${appeal.certificateNumber} shows as under appeal in the register.`,
          );
    return change(ctx, scope, register);
  },
  'appeal.formPanel': async ({ appealId, memberIds, leadMemberId }, ctx, scope) => {
    await formReviewPanel(scope, { appealId, memberIds, leadMemberId });
    return change(ctx, scope, 'The register does not change when the review panel is formed.');
  },
  'appeal.decide': async ({ appealId, outcome, reasons }, ctx, scope) => {
    const appeal = await decideAppeal(scope, { appealId, outcome, reasons });
    return change(ctx, scope, await decidedInRegister(ctx, scope, appeal));
  },
};
