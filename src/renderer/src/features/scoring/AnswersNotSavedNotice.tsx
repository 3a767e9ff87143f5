import { useId } from 'react';
import { useAnswersNotSaved, type AnswerNotSaved } from '../../app/session';
import { Button } from '../../ui/Button';

/**
 * Answers typed for the member this page showed, not saved because someone else signed in on this
 * computer first (another tab or window): said plainly, with the words typed on show to copy,
 * until dismissed. They are never saved as the member signed in now.
 */
export function AnswersNotSavedNotice() {
  const { answers, dismiss } = useAnswersNotSaved();
  if (answers.length === 0) return null;
  return (
    <div role="alert" className="notice notice-error" data-testid="answers-not-saved">
      <p className="notice-title">{answers.length === 1 ? 'An answer was' : 'Some answers were'} not saved</p>
      {answers.map((answer) => (
        <AnswerToCopy key={`${answer.memberName} ${answer.criterionId}`} answer={answer} />
      ))}
      <Button onPress={dismiss}>Dismiss</Button>
    </div>
  );
}

function AnswerToCopy({ answer }: { answer: AnswerNotSaved }) {
  const id = useId();
  const { memberName, criterionId, score, reason } = answer;
  return (
    <>
      <p>
        {memberName ? `${memberName}’s answer` : 'The answer'} for {criterionId} was not saved, because
        someone signed in or out on this computer (in another tab or window) before it was sent. It has not
        been saved as anyone else.
        {reason ? ' Here is what was typed, to copy if it is needed.' : ''}
      </p>
      {score && <p>Score chosen: {score}</p>}
      {reason && (
        <div className="field">
          <label className="field-label" htmlFor={id}>
            Reason typed for {criterionId}
          </label>
          <textarea id={id} className="field-input" readOnly rows={3} value={reason} />
        </div>
      )}
    </>
  );
}
