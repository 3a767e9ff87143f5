import { useEffect, useRef, useState } from 'react';
import type { MySheet } from '../../../../shared/api';
import type { SheetProblem } from '../../../../shared/scoring';
import { allCriteria, type Standard } from '../../../../shared/standard';
import { errorDetails } from '../../app/client-context';
import { useChange } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorNotice } from '../../ui/feedback';

/**
 * Submitting the sheet: how far the member has got, what still stops it (a score or a reason
 * missing, each with a way to that criterion), and only when nothing does, the question before it.
 */
export function SubmitSheet({
  caseId,
  sheet,
  standard,
  scoredCount,
  total,
  problems,
  headingRef,
  beforeSubmit,
  onRefused,
  onGoTo,
}: {
  caseId: string;
  sheet: MySheet;
  standard: Standard;
  scoredCount: number;
  total: number;
  /** What stops the sheet being submitted, from the answers as they stand. */
  problems: SheetProblem[];
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  /** Saves everything still waiting; throws (with the reason) when something could not be saved. */
  beforeSubmit: () => Promise<void>;
  /** The server refused: ask again for the sheet, whose `problems` say why. */
  onRefused: () => void;
  onGoTo: (criterionId: string) => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const submit = useChange('scoring.submitSheet', {
    prepare: async (input) => {
      await beforeSubmit();
      return input;
    },
    onSuccess: () => setConfirming(false),
    onError: () => {
      setConfirming(false);
      onRefused();
    },
  });
  const remaining = total - scoredCount;
  // The answers as they stand say what is missing; after a refusal, the server's word too.
  const shown = problems.length > 0 ? problems : submit.isError ? sheet.problems : [];
  const ready = problems.length === 0;
  const problemsHeadingRef = useRef<HTMLHeadingElement>(null);
  const refused = submit.isError;
  useEffect(() => {
    if (!refused) return;
    const frame = requestAnimationFrame(() => problemsHeadingRef.current?.focus());
    return () => cancelAnimationFrame(frame);
  }, [refused]);

  return (
    <section className="submit-sheet" aria-labelledby="submit-heading">
      <h2 id="submit-heading" ref={headingRef} tabIndex={-1}>
        Submit your score sheet
      </h2>
      <p>
        You have scored {scoredCount} of {total} criteria.
        {remaining > 0
          ? ` ${remaining} still to score.`
          : problems.length > 0
            ? ' Every criterion has a score, but some still need your reasons.'
            : ' Every criterion has a score.'}
      </p>
      <p>
        {ready
          ? 'When you are happy with every score, submit your sheet. You cannot change your scores after you submit.'
          : 'You can submit your sheet once nothing below needs attention. You cannot change your scores after you submit.'}
      </p>
      {submit.isError && (
        <ErrorNotice
          title="Your score sheet was not submitted"
          message={submit.error.message}
          details={shown.length === 0 ? errorDetails(submit.error) : undefined}
        />
      )}
      <SheetProblems standard={standard} problems={shown} onGoTo={onGoTo} headingRef={problemsHeadingRef} />
      {ready && (
        <Button variant="primary" onPress={() => setConfirming(true)}>
          Submit my score sheet
        </Button>
      )}
      <ConfirmDialog
        isOpen={confirming && ready}
        onOpenChange={(open) => {
          if (!submit.isPending) setConfirming(open);
        }}
        title="Submit your score sheet?"
        confirmLabel="Yes, submit my score sheet"
        onConfirm={() => submit.mutate({ caseId })}
        isPending={submit.isPending}
        pendingLabel="Submitting…"
      >
        <p>
          <strong>You cannot change your scores after you submit.</strong>
        </p>
        <p>You have scored all {total} criteria, with a reason wherever one is needed.</p>
      </ConfirmDialog>
    </section>
  );
}

/** What stops the sheet being submitted, each with a way to go to that criterion. */
function SheetProblems({
  standard,
  problems,
  onGoTo,
  headingRef,
}: {
  standard: Standard;
  problems: readonly SheetProblem[];
  onGoTo: (criterionId: string) => void;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
}) {
  if (problems.length === 0) return null;
  const titles = new Map(allCriteria(standard).map((c) => [c.id, c.title]));
  return (
    <div className="sheet-problems">
      <h3 ref={headingRef} tabIndex={-1}>
        What needs attention before you submit
      </h3>
      <ul className="plain-list">
        {problems.map((p) => (
          <li key={p.criterionId} className="list-row">
            <span>
              <strong>
                {p.criterionId} {titles.get(p.criterionId) ?? ''}
              </strong>
              : {p.problem}
            </span>
            <Button variant="link" onPress={() => onGoTo(p.criterionId)}>
              Go to {p.criterionId}
            </Button>
          </li>
        ))}
      </ul>
    </div>
  );
}
