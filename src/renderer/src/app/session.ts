import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import type { OperationName, OutputOf } from '../../../shared/api';

/**
 * Who this page shows as signed in, and keeping that true when another tab or window changes it.
 *
 * Tabs of one browser share one session with the app (one host, one launch token): signing in or
 * out in one changes who is signed in for all of them. So every change this page sends on a case
 * names the member it shows (`SIGNED_IN_AS_FIELD`, added by `useChange`), and the app refuses it
 * when someone else is signed in now (SIGNED_IN_ELSEWHERE); and the page asks again who is signed
 * in when another tab says it signed someone in or out, and when it is looked at again.
 */

/** Operations after which someone else may be signed in to a case on this session. */
const CHANGES_WHO_IS_SIGNED_IN: ReadonlySet<OperationName> = new Set<OperationName>([
  'panel.signIn',
  'panel.signOut',
  'panel.choosePin',
  'panel.choosePinOnDevice',
  'case.create',
  'case.open',
  'case.close',
]);

const SIGN_IN_CHANNEL = 'copanel.signed-in';

/** The page's answer to "which case, and who is signed in" (`case.get`), kept in the read cache. */
const OPEN_CASE_READ: OperationName = 'case.get';

/** The member the page last heard is signed in to the case (its cached `case.get`), if any. */
export function memberShownFor(queryClient: QueryClient, caseId: string): string | undefined {
  const opened = queryClient.getQueryData<OutputOf<'case.get'>>([OPEN_CASE_READ, { caseId }]);
  return opened?.signedIn?.memberId;
}

type OpenCase = OutputOf<'case.get'>;

/** The cases this page shows and who it shows signed in to each. */
function shownCases(queryClient: QueryClient, caseId?: string): Map<string, OpenCase> {
  const shown = new Map<string, OpenCase>();
  for (const query of queryClient.getQueryCache().findAll({ queryKey: [OPEN_CASE_READ] })) {
    const opened = query.state.data as OpenCase | undefined;
    if (opened && (caseId === undefined || opened.caseId === caseId)) shown.set(opened.caseId, opened);
  }
  return shown;
}

/**
 * Asks again who is signed in to every case this page shows (or to one). When it is someone else
 * than the page showed, the page says so (`signInNotice`), unless `refusal` already says why.
 */
export async function askWhoIsSignedIn(
  queryClient: QueryClient,
  { caseId, refusal }: { caseId?: string; refusal?: string } = {},
): Promise<void> {
  if (refusal !== undefined) notices.show(refusal);
  const before = shownCases(queryClient, caseId);
  await queryClient.invalidateQueries({
    predicate: (query) =>
      query.queryKey[0] === OPEN_CASE_READ &&
      (caseId === undefined || (query.queryKey[1] as { caseId?: unknown } | undefined)?.caseId === caseId),
  });
  if (refusal !== undefined) return;
  for (const [id, now] of shownCases(queryClient, caseId)) {
    // Signed out, then someone signed in: the notice still names whoever the page showed first.
    const shown = before.get(id)?.signedIn ?? notices.shownBefore(id);
    if (shown && shown.memberId !== now.signedIn?.memberId)
      notices.show(changedWords(shown.name, now.signedIn), { caseId: id, member: shown });
  }
}

function changedWords(shownName: string, now: OpenCase['signedIn']): string {
  return now
    ? `${now.name} has signed in on this computer, in another tab or window, so this page now shows ${now.name}. ${shownName}: to carry on, choose “Sign out (hand over)” and sign in again as yourself.`
    : `${shownName} was signed out on this computer, in another tab or window. Sign in again to carry on.`;
}

type ShownMember = NonNullable<OpenCase['signedIn']>;

/** What the page says when who is signed in changed under it; one at a time, until dismissed. */
class SignInNotices {
  private notice: string | null = null;
  /** Who the page showed before the change the notice tells of. */
  private shown: { caseId: string; member: ShownMember } | null = null;
  private readonly listeners = new Set<() => void>();
  show(notice: string | null, shown: { caseId: string; member: ShownMember } | null = null): void {
    this.notice = notice;
    this.shown = shown;
    for (const listener of this.listeners) listener();
  }
  shownBefore(caseId: string): ShownMember | undefined {
    return this.shown?.caseId === caseId ? this.shown.member : undefined;
  }
  dismiss = (): void => this.show(null);
  current = (): string | null => this.notice;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

const notices = new SignInNotices();

/** The notice that who is signed in changed under this page (null when there is none), and how to dismiss it. */
export function useSignInNotice(): { notice: string | null; dismiss: () => void } {
  return { notice: useSyncExternalStore(notices.subscribe, notices.current), dismiss: notices.dismiss };
}

let pageChannel: BroadcastChannel | null | undefined;

/**
 * This page's one channel to its other tabs, for telling and for hearing. A channel never hears
 * its own messages, so a page that hands over is not told of its own sign-out as if another tab
 * had made it (a second channel in the same page would hear it, and say so).
 */
function signInChannel(): BroadcastChannel | null {
  pageChannel ??= typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(SIGN_IN_CHANNEL);
  return pageChannel;
}

/** After a change succeeds: if it can have changed who is signed in, the other tabs are told. */
export function tellOtherTabs(name: OperationName): void {
  if (CHANGES_WHO_IS_SIGNED_IN.has(name)) signInChannel()?.postMessage('signed-in-changed');
}

/**
 * Keeps the page showing who is signed in now: asks again when another tab of this browser signs
 * someone in or out, and when the page is looked at again (another window may have). Mounted once,
 * by the app's frame.
 */
export function useSignInFollowsOtherTabs(): void {
  const queryClient = useQueryClient();
  useEffect(() => {
    const askAgain = () => void askWhoIsSignedIn(queryClient);
    const whenShown = () => {
      if (document.visibilityState === 'visible') askAgain();
    };
    const channel = signInChannel();
    channel?.addEventListener('message', askAgain);
    window.addEventListener('focus', askAgain);
    document.addEventListener('visibilitychange', whenShown);
    return () => {
      channel?.removeEventListener('message', askAgain);
      window.removeEventListener('focus', askAgain);
      document.removeEventListener('visibilitychange', whenShown);
    };
  }, [queryClient]);
}

/**
 * An answer typed for the member the page showed, refused (SIGNED_IN_ELSEWHERE) because someone
 * else signed in on this computer before it was sent. It is never saved as the new member; the page
 * says so and keeps the words on show, to copy, until dismissed.
 */
export interface AnswerNotSaved {
  /** Whose answer it was, as the page showed them (null if the page never showed their name). */
  memberName: string | null;
  criterionId: string;
  /** The score chosen, in words ("2 — Level 2 met"); null when none was chosen. */
  score: string | null;
  reason: string;
}

/** Answers not saved because who is signed in changed; until the person dismisses them. */
class AnswersNotSaved {
  private answers: readonly AnswerNotSaved[] = [];
  private readonly listeners = new Set<() => void>();
  /** The latest words for a criterion replace any kept before for it (one per member and criterion). */
  keep = (answer: AnswerNotSaved): void => {
    const others = this.answers.filter(
      (kept) => kept.memberName !== answer.memberName || kept.criterionId !== answer.criterionId,
    );
    this.set([...others, answer]);
  };
  dismiss = (): void => this.set([]);
  current = (): readonly AnswerNotSaved[] => this.answers;
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
  private set(answers: readonly AnswerNotSaved[]): void {
    this.answers = answers;
    for (const listener of this.listeners) listener();
  }
}

const answersNotSaved = new AnswersNotSaved();

/** Keeps, to show, an answer refused because someone else signed in here before it was sent. */
export const keepAnswerNotSaved = answersNotSaved.keep;

/** The answers not saved because someone else signed in (empty when none), and how to dismiss them. */
export function useAnswersNotSaved(): { answers: readonly AnswerNotSaved[]; dismiss: () => void } {
  return {
    answers: useSyncExternalStore(answersNotSaved.subscribe, answersNotSaved.current),
    dismiss: answersNotSaved.dismiss,
  };
}
