import type { MemberRole } from '../../shared/api';

/** A panel member signed in (by PIN) to one case on this client. */
export interface SignedInMember {
  memberId: string;
  name: string;
  role: MemberRole;
}

/**
 * One client's session: the Electron window or the browser tab holding the launch token.
 * It remembers who is signed in to each open case; permission checks read it.
 */
export class Session {
  private readonly members = new Map<string, SignedInMember>();

  signIn(caseId: string, member: SignedInMember): void {
    this.members.set(caseId, member);
  }

  signOut(caseId: string): void {
    this.members.delete(caseId);
  }

  memberFor(caseId: string): SignedInMember | undefined {
    return this.members.get(caseId);
  }
}
