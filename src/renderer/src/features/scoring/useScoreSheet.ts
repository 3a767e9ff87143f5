import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MySheet, SheetEntry } from '../../../../shared/api';
import { sheetProblems, type Score } from '../../../../shared/scoring';
import { allCriteria, type Standard } from '../../../../shared/standard';
import { ApiCallError, useConnectedClient } from '../../app/client-context';
import { asShownMember, useChange } from '../../app/operations';
import { keepAnswerNotSaved } from '../../app/session';
import { useOpenCase } from '../case/useCase';
import { scoreName } from './scores';
import { useAutosaveCountsAsUnsaved, useWhenPageHidden } from '../../ui/leaveWarning';
import { useHeadingFocus } from '../../ui/useHeadingFocus';
import { AutosaveQueue, type SaveState } from './autosave';
import { withSavedEntry } from './sheet';

/** How long typing must pause before a draft is saved. */
const AUTOSAVE_DELAY_MS = 600;

/** One criterion's answer as the member is giving it. */
export interface Draft {
  score: Score | null;
  rationale: string;
  evidenceIds: string[];
}

export const EMPTY_DRAFT: Draft = { score: null, rationale: '', evidenceIds: [] };

function entryDraft(entry: SheetEntry | undefined): Draft {
  return entry
    ? { score: entry.score, rationale: entry.rationale, evidenceIds: entry.evidenceIds }
    : EMPTY_DRAFT;
}

/**
 * The score sheet being filled in: every criterion's draft, saved as the member goes (each save's
 * answer is put into the cached sheet, so nothing is asked again), which criterion is showing,
 * and moving between criteria with focus on the criterion's heading.
 */
export function useScoreSheet({
  caseId,
  memberId,
  standard,
  sheet,
}: {
  caseId: string;
  memberId: string;
  standard: Standard;
  sheet: MySheet;
}) {
  const criteria = useMemo(() => allCriteria(standard), [standard]);
  const [drafts, setDrafts] = useState<Record<string, Draft>>(() =>
    Object.fromEntries(
      criteria.map((c) => [c.id, entryDraft(sheet.entries.find((e) => e.criterionId === c.id))]),
    ),
  );
  const [saveStates, setSaveStates] = useState<Record<string, SaveState>>(() =>
    Object.fromEntries(
      sheet.entries.filter((e) => e.updatedAt).map((e) => [e.criterionId, { kind: 'saved' } as SaveState]),
    ),
  );
  const queue = useAutosave(
    caseId,
    memberId,
    (criterionId, state) => setSaveStates((states) => ({ ...states, [criterionId]: state })),
    useNotSavedAfterHandOver(caseId, memberId, standard),
  );
  const [index, setIndex] = useState(() => {
    const firstUnscored = criteria.findIndex(
      (c) => !sheet.entries.some((e) => e.criterionId === c.id && e.score !== null),
    );
    return firstUnscored === -1 ? 0 : firstUnscored;
  });
  const heading = useHeadingFocus(index);
  const submitHeadingRef = useRef<HTMLHeadingElement>(null);

  const criterion = criteria[index];
  const draft = (criterion && drafts[criterion.id]) ?? EMPTY_DRAFT;
  const goTo = (target: number) => {
    if (target < 0 || target >= criteria.length || !criterion) return;
    void queue.flush(criterion.id);
    if (target === index) {
      heading.focusNow();
      return;
    }
    heading.focusAfterChange();
    setIndex(target);
  };

  return {
    criteria,
    criterion,
    index,
    draft,
    drafts,
    saveStates,
    headingRef: heading.ref,
    submitHeadingRef,
    scoredCount: criteria.filter((c) => (drafts[c.id] ?? EMPTY_DRAFT).score !== null).length,
    /** What stops the sheet being submitted, from the answers as they stand (saved or not yet). */
    problems: sheetProblems(criteria.map((c) => ({ criterionId: c.id, ...(drafts[c.id] ?? EMPTY_DRAFT) }))),
    /** The member changed their answer for the criterion showing: keep it, and save it once they pause. */
    update(patch: Partial<Draft>) {
      if (!criterion) return;
      const next = { ...draft, ...patch };
      setDrafts((all) => ({ ...all, [criterion.id]: next }));
      queue.change(criterion.id, next);
    },
    /** Saves the criterion showing now rather than after the pause (leaving a box, handing over). */
    saveNow: () => criterion && void queue.flush(criterion.id),
    retry: (criterionId: string) => void queue.retry(criterionId),
    goTo,
    goToCriterion: (criterionId: string) => goTo(criteria.findIndex((c) => c.id === criterionId)),
    goToSubmit() {
      if (criterion) void queue.flush(criterion.id);
      submitHeadingRef.current?.focus();
    },
    /** Before submitting: everything waiting is saved, or the member is told what is not. */
    async saveEverything() {
      await queue.flush();
      if (queue.failedKeys().length > 0 || queue.hasUnsaved()) {
        throw new Error(
          `Some of your answers are not saved yet (${queue.failedKeys().join(', ')}). Try saving them again, then submit.`,
        );
      }
    },
  };
}

/** The autosave queue for the signed-in member's sheet, living as long as the editor. */
function useAutosave(
  caseId: string,
  memberId: string,
  onState: (criterionId: string, state: SaveState) => void,
  notSaved: (criterionId: string, draft: Draft) => void,
): AutosaveQueue<Draft> {
  const saveScore = useChange('scoring.saveScore', {
    // Saved as this sheet's member only: if another tab has signed someone else in, it is refused.
    asMember: memberId,
    writeReads: (reads, saved) =>
      reads.update('scoring.mySheet', { caseId }, (sheet) => withSavedEntry(sheet, saved), memberId),
    // The editor shows the member's own drafts; other reads (progress on the panel screen) are
    // marked out of date and asked again when next shown, not after every pause in typing.
    affectedReads: 'mark',
  });
  // `mutateAsync` is stable for the life of the component, so the queue can keep it.
  const save = saveScore.mutateAsync;
  const [queue] = useState(
    () =>
      new AutosaveQueue<Draft>({
        delayMs: AUTOSAVE_DELAY_MS,
        save: async (criterionId, draft) => {
          try {
            await save({ caseId, criterionId, ...draft });
          } catch (error) {
            if (error instanceof ApiCallError && error.code === 'SIGNED_IN_ELSEWHERE')
              notSaved(criterionId, draft);
            throw error;
          }
        },
        onState,
        // In the panel room, an answer that cannot reach the room is kept on the device and sent again.
        keptOnDevice: (error) => error instanceof ApiCallError && error.code === 'KEPT_ON_DEVICE',
      }),
  );
  // Leaving the section saves whatever is still waiting; leaving the page first asks.
  useEffect(() => () => void queue.flush(), [queue]);
  // Putting the page away (a reload, another app on a phone): what is waiting is kept on the device
  // at once where it can be (the panel room), for this sheet's member only, then sent without
  // waiting for the pause.
  const { keepUnsentAnswer } = useConnectedClient();
  useWhenPageHidden(
    useCallback(() => {
      for (const [criterionId, draft] of queue.unsavedDrafts())
        keepUnsentAnswer?.(asShownMember({ caseId, criterionId, ...draft }, memberId));
      void queue.flush();
    }, [queue, caseId, memberId, keepUnsentAnswer]),
  );
  useAutosaveCountsAsUnsaved(useCallback(() => queue.hasUnsaved(), [queue]));
  return queue;
}

/**
 * What happens to an answer refused because someone else signed in on this computer before it was
 * sent (another tab handed over): never saved as them; the page says whose it was and keeps the
 * words on show to copy (../../app/session.ts). The sheet's member's name is taken while the page
 * shows them, as the page may show the next member by the time the refusal comes.
 */
function useNotSavedAfterHandOver(
  caseId: string,
  memberId: string,
  standard: Standard,
): (criterionId: string, draft: Draft) => void {
  const shown = useOpenCase(caseId).data?.signedIn;
  const name = useRef<string | null>(null);
  const shownName = shown?.memberId === memberId ? shown.name : null;
  useEffect(() => {
    if (shownName !== null) name.current = shownName;
  }, [shownName]);
  return useCallback(
    (criterionId: string, draft: Draft) => {
      if (draft.score === null && draft.rationale.trim() === '') return;
      keepAnswerNotSaved({
        memberName: name.current,
        criterionId,
        score: draft.score === null ? null : scoreName(standard, draft.score),
        reason: draft.rationale,
      });
    },
    [standard],
  );
}

export type ScoreSheet = ReturnType<typeof useScoreSheet>;
