import type { CaseSchemeLink, MemberTraining, TrainingPolicy } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import type { JsonValue } from '../casefile';
import type { CaseScope, OpenCaseScope } from '../case';
import {
  addMember,
  linkCaseToScheme,
  linkedSchemeId,
  linkLeadToDirectory,
  panelDirectoryLinks,
  type PanelMemberLink,
} from '../panel';
import { listAssessors, readSchemeSettings, type AssessorSummary } from '../scheme';
import type { Handlers } from './handler';
import { openScheme, openSchemeWithId, type OpenScheme, type SchemeOfficeHolder } from './scheme-session';

/**
 * The case ↔ scheme link (case-file migration 6): a case belongs to at most one scheme file, by its
 * scheme id; panel members picked from its directory keep the directory entry's id; and scoring
 * opens only as the scheme's training policy allows (checked here, in src/main, not in the screens).
 */

/** Why a scoring member's training should stop or slow the panel, or null. Observers do not score. */
function trainingWarning(member: PanelMemberLink, entry: AssessorSummary | undefined): string | null {
  if (member.role === 'observer') return null;
  if (!entry)
    return `${member.name} is not linked to the scheme’s assessor directory, so their training is not known.`;
  if (entry.training.state === 'untrained') return `${member.name} has no training recorded.`;
  if (entry.training.state === 'refresher_overdue')
    return `${member.name}’s refresher was due on ${entry.training.refresherDue ?? 'an earlier date'} and is overdue.`;
  return null;
}

async function membersTraining(
  scope: OpenCaseScope,
  open: OpenScheme | undefined,
): Promise<MemberTraining[]> {
  const members = await panelDirectoryLinks(scope);
  const directory = open ? await listAssessors(open.file) : [];
  return members.map((member) => {
    const entry = directory.find((assessor) => assessor.id === member.directoryId);
    return {
      memberId: member.id,
      name: member.name,
      role: member.role,
      directoryId: member.directoryId,
      training: entry?.training ?? null,
      warning: open ? trainingWarning(member, entry) : null,
    };
  });
}

async function caseLink(ctx: SchemeOfficeHolder, scope: OpenCaseScope): Promise<CaseSchemeLink> {
  const schemeId = await linkedSchemeId(scope);
  const current = ctx.schemeOffice?.openScheme;
  const linked = schemeId ? openSchemeWithId(ctx, schemeId) : undefined;
  return {
    schemeId,
    openScheme: current
      ? { schemeId: current.file.schemeId, schemeName: (await current.file.details()).schemeName }
      : null,
    linkedSchemeOpen: linked !== undefined,
    policy: linked ? (await readSchemeSettings(linked.file)).trainingPolicy : null,
    members: await membersTraining(scope, linked),
  };
}

/** The open scheme file when it is the one this case is linked to, else a typed error saying what to do. */
async function linkedOpenScheme(ctx: SchemeOfficeHolder, scope: OpenCaseScope): Promise<OpenScheme> {
  const open = openScheme(ctx);
  const schemeId = await linkedSchemeId(scope);
  if (schemeId !== open.file.schemeId)
    throw new UserFacingError(
      'INVALID_INPUT',
      schemeId === null
        ? 'This case is not linked to a scheme file yet. Link it to the open scheme file on the Panel screen first.'
        : 'The scheme file open in the app is not the one this case is linked to. Open the linked scheme file first.',
    );
  return open;
}

/** A name as the directory and the panel compare it: case, accents and spacing aside. */
function sameName(a: string, b: string): boolean {
  const folded = (name: string) =>
    name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
  return folded(a) === folded(b);
}

/**
 * What the scheme's training check finds before scoring opens, recorded with the opening (the
 * audit log's `trainingCheck`). Not linked: no check. Linked but the scheme file is not open here:
 * scoring opens, and the log says training could not be checked (a panel on the day may not have
 * the scheme office's file). Otherwise every scoring member must be trained and up to date; if not,
 * the scheme's policy decides: 'block' refuses, 'warn' asks the lead for a reason and records it.
 */
export async function checkTrainingBeforeScoring(
  ctx: SchemeOfficeHolder,
  scope: CaseScope,
  reason: string | undefined,
): Promise<JsonValue | undefined> {
  const schemeId = await linkedSchemeId(scope);
  if (schemeId === null) return undefined;
  const open = openSchemeWithId(ctx, schemeId);
  if (!open) return { schemeId, checked: false, why: 'The linked scheme file was not open in the app.' };
  const warnings = (await membersTraining(scope, open)).flatMap((member) =>
    member.warning ? [member.warning] : [],
  );
  if (warnings.length === 0) return { schemeId, checked: true, allTrained: true };
  const policy: TrainingPolicy = (await readSchemeSettings(open.file)).trainingPolicy;
  if (policy === 'block')
    throw new UserFacingError(
      'TRAINING_REQUIRED',
      `Scoring cannot open: the scheme requires every member who scores to be trained and up to date. ${warnings.join(' ')} Record their training in the scheme office, or change the panel.`,
    );
  if (!reason)
    throw new UserFacingError(
      'TRAINING_REASON_REQUIRED',
      `${warnings.join(' ')} To open scoring anyway, give your reason; it is recorded with the opening.`,
    );
  return { schemeId, checked: true, allTrained: false, warnings, reason };
}

export const schemeLinkHandlers: Pick<
  Handlers,
  'scheme.caseLink' | 'scheme.linkCase' | 'scheme.addMemberFromDirectory' | 'scheme.linkLead'
> = {
  'scheme.caseLink': (_input, ctx, scope) => caseLink(ctx, scope),
  'scheme.linkCase': async ({ link }, ctx, scope) => {
    const details = link ? await openScheme(ctx).file.details() : undefined;
    await linkCaseToScheme(
      scope,
      details ? { schemeId: details.schemeId, schemeName: details.schemeName } : null,
    );
    return caseLink(ctx, scope);
  },
  'scheme.addMemberFromDirectory': async ({ assessorId, role, pin }, ctx, scope) => {
    const open = await linkedOpenScheme(ctx, scope);
    const entry = (await listAssessors(open.file)).find((assessor) => assessor.id === assessorId);
    if (!entry)
      throw new UserFacingError('NOT_FOUND', 'That person is not in the scheme’s assessor directory.');
    if (role !== 'observer' && !(entry.roles as readonly string[]).includes(role))
      throw new UserFacingError(
        'INVALID_INPUT',
        `${entry.name} is not in the directory for that role. Choose one of their roles, or change their entry in the scheme office.`,
      );
    return addMember(scope, {
      name: entry.name,
      role,
      consentToBeNamed: entry.consentToBeNamed,
      directoryId: entry.id,
      ...(pin === undefined ? {} : { pin }),
    });
  },
  'scheme.linkLead': async ({ assessorId }, ctx, scope) => {
    const open = await linkedOpenScheme(ctx, scope);
    const entry = (await listAssessors(open.file)).find((assessor) => assessor.id === assessorId);
    if (!entry)
      throw new UserFacingError('NOT_FOUND', 'That person is not in the scheme’s assessor directory.');
    if (!entry.roles.includes('lead'))
      throw new UserFacingError(
        'INVALID_INPUT',
        `${entry.name} is not a lead assessor in the directory. Add the lead role to your entry in the scheme office first.`,
      );
    if (!sameName(entry.name, scope.actor.name))
      throw new UserFacingError(
        'FORBIDDEN',
        `That directory entry is for ${entry.name}, and you are ${scope.actor.name} on this panel. You can link only your own entry; if it is yours, make the two names the same first.`,
      );
    await linkLeadToDirectory(scope, { directoryId: entry.id, name: entry.name });
    return caseLink(ctx, scope);
  },
};
