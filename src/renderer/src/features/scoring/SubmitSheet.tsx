import { useState } from 'react';
import type { MySheet } from '../../../../shared/api';
import { allCriteria, type Standard } from '../../../../shared/standard';
import { errorDetails } from '../../app/client-context';
import { useChange } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorNotice } from '../../ui/feedback';

/** Submitting the sheet: how far the member has got, the question before it, and what stops it if refused. */
export function SubmitSheet({
  caseId,
  sheet,
  standard,
  scoredCount,
  total,
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
  const problems = submit.isError ? sheet.problems : [];

  return (
    <section className="submit-sheet" aria-labelledby="submit-heading">
      <h2 id="submit-heading" ref={headingRef} tabIndex={-1}>
        Submit your score sheet
      </h2>
      <p>
        You have scored {scoredCount} of {total} criteria.
        {remaining > 0 ? ` ${remaining} still to score.` : ' Every criterion has a score.'}
      </p>
      <p>
        When you are happy with every score, submit your sheet. You cannot change your scores after you
        submit.
      </p>
      {submit.isError && (
        <ErrorNotice
          title="Your score sheet was not submitted"
          message={submit.error.message}
          details={problems.length === 0 ? errorDetails(submit.error) : undefined}
        />
      )}
      <SheetProblems standard={standard} problems={problems} onGoTo={onGoTo} />
      <Button variant="primary" onPress={() => setConfirming(true)}>
        Submit my score sheet
      </Button>
      <ConfirmDialog
        isOpen={confirming}
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
        <p>
          You have scored {scoredCount} of {total} criteria.
          {remaining > 0
            ? ` ${remaining} ${remaining === 1 ? 'criterion has' : 'criteria have'} no score yet.`
            : ''}
        </p>
      </ConfirmDialog>
    </section>
  );
}

/** What stops the sheet being submitted, each with a way to go to that criterion. */
function SheetProblems({
  standard,
  problems,
  onGoTo,
}: {
  standard: Standard;
  problems: MySheet['problems'];
  onGoTo: (criterionId: string) => void;
}) {
  if (problems.length === 0) return null;
  const titles = new Map(allCriteria(standard).map((c) => [c.id, c.title]));
  return (
    <div className="sheet-problems">
      <h3>What needs attention</h3>
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
