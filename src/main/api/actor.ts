import { UserFacingError } from '../../shared/errors';
import type { CaseFile } from '../casefile/case-file';
import type { ApiContext } from './context';
import type { SignedInMember } from './session';

/** The open case file named by an operation's input. */
export function caseFileFor(ctx: ApiContext, caseId: string): CaseFile {
  return ctx.cases.get(caseId);
}

/** The member signed in to this case on this client; the dispatcher has already checked there is one. */
export function signedInMember(ctx: ApiContext, caseId: string): SignedInMember {
  const member = ctx.session.memberFor(caseId);
  if (!member)
    throw new UserFacingError(
      'NOT_SIGNED_IN',
      'Nobody is signed in to this case. Choose your name and enter your PIN first.',
    );
  return member;
}

/** How the audit log names whoever made a change: "Sam Lee (lead, member 3f2…)". */
export function actorLabel(member: SignedInMember): string {
  return `${member.name} (${member.role}, member ${member.memberId})`;
}
