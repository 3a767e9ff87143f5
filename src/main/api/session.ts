import type { SignedInMember } from '../../shared/api';

/**
 * One client's session: the Electron window, the browser tab holding the launch token, or one
 * device in the panel room. It remembers who signed in (by PIN) to each open case; the dispatcher
 * checks it against the case file on every call.
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
