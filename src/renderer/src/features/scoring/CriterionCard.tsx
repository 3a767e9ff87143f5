import { useState } from 'react';
import type { EvidenceItem } from '../../../../shared/api';
import type { CriterionInStatement, Standard } from '../../../../shared/standard';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/feedback';
import { CheckboxField, TextField } from '../../ui/fields';
import type { SaveState } from './autosave';
import { ScoreChoices } from './ScoreChoices';
import { needsRationale } from '../../../../shared/scoring';
import { scoreName, scoreSheetChoices, scoreToValue, valueToScore, type ScoreValue } from './scores';
import type { Draft } from './useScoreSheet';

/** The criterion being scored: where it sits in the standard, what good looks like, and the member's answer. */
export function CriterionCard({
  standard,
  criterion,
  position,
  total,
  headingRef,
  draft,
  saveState,
  evidence,
  evidenceError,
  onChange,
  onLeaveRationale,
  onRetry,
}: {
  standard: Standard;
  criterion: CriterionInStatement;
  position: number;
  total: number;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  draft: Draft;
  saveState: SaveState;
  evidence: EvidenceItem[];
  evidenceError: string | null;
  onChange: (patch: Partial<Draft>) => void;
  onLeaveRationale: () => void;
  onRetry: () => void;
}) {
  // A 0 chosen with no reason yet is shown as chosen but not saved until the reason is written.
  const [zeroChosenFor, setZeroChosenFor] = useState<string | null>(null);
  const zeroWaitsForReason = zeroChosenFor === criterion.id && draft.score !== 0;
  const shown: Draft = zeroWaitsForReason ? { ...draft, score: 0 } : draft;
  const change = (patch: Partial<Draft>) => {
    const reasonGiven = patch.rationale !== undefined && patch.rationale.trim() !== '';
    if (zeroWaitsForReason && reasonGiven) {
      setZeroChosenFor(null);
      onChange({ ...patch, score: 0 });
    } else onChange(patch);
  };
  const chooseScore = (value: ScoreValue) => {
    if (value === '0' && draft.score !== 0 && draft.rationale.trim() === '') {
      setZeroChosenFor(criterion.id);
      return;
    }
    setZeroChosenFor(null);
    onChange({ score: valueToScore(value) });
  };
  return (
    <section className="criterion-card" aria-labelledby="criterion-heading">
      <h2 id="criterion-heading" ref={headingRef} tabIndex={-1} className="criterion-heading">
        <span className="criterion-position">
          Criterion {position} of {total}
          <span className="visually-hidden">:</span>
        </span>{' '}
        <span className="criterion-title">
          {criterion.id} {criterion.title}
        </span>
      </h2>
      <StatementContext standard={standard} criterion={criterion} />
      <div className="score-fields">
        <ScoreChoices
          key={`score-${criterion.id}`}
          label={`Your score for ${criterion.id}`}
          description="Choose the level the evidence shows. Each level builds on the one before."
          choices={scoreSheetChoices(standard, criterion)}
          value={scoreToValue(shown.score)}
          onChange={chooseScore}
        />
        <ZeroWaitsForReason standard={standard} draft={draft} waiting={zeroWaitsForReason} />
        <RationaleField
          criterionId={criterion.id}
          draft={shown}
          onChange={change}
          onLeave={onLeaveRationale}
        />
        <SaveStatus key={`save-${criterion.id}`} state={saveState} onRetry={onRetry} />
        <CriterionGuide criterion={criterion} />
        <EvidenceLinks
          criterionId={criterion.id}
          evidence={evidence}
          evidenceError={evidenceError}
          chosen={draft.evidenceIds}
          onChange={(evidenceIds) => onChange({ evidenceIds })}
        />
      </div>
    </section>
  );
}

/**
 * A 0 chosen with no reason written yet (by the mouse, or by arrowing through the choices, or Space
 * on the first one) is not saved: this note says so, without taking focus, and the 0 is saved with
 * the first words of its reason. Moving on to another choice or criterion leaves the score as it was,
 * so merely moving through the choices never records a 0.
 */
function ZeroWaitsForReason({
  standard,
  draft,
  waiting,
}: {
  standard: Standard;
  draft: Draft;
  waiting: boolean;
}) {
  const before = draft.score === null ? 'not scored' : scoreName(standard, draft.score);
  return (
    <p role="status" className={waiting ? 'zero-waits-for-reason' : 'zero-waits-for-reason-empty'}>
      {waiting && (
        <>
          <strong>0 — not yet met needs a reason.</strong> Write why in the box below and the 0 is saved with
          it. Until then your score stays {before}.
        </>
      )}
    </p>
  );
}

/** The I Statement the criterion belongs to, and whether it is a must-have. */
function StatementContext({ standard, criterion }: { standard: Standard; criterion: CriterionInStatement }) {
  const statement = standard.statements.find((s) => s.number === criterion.statementNumber);
  return (
    <>
      {statement && (
        <div className="statement-context">
          <p className="statement-label">I Statement {statement.number}</p>
          <blockquote className="scoring-statement-text">
            <p>“{statement.text}”</p>
          </blockquote>
        </div>
      )}
      {criterion.mustHave && (
        <p className="must-have">
          <strong>Must-have criterion.</strong> The level awarded depends on this one.
        </p>
      )}
    </>
  );
}

/** What good looks like and what to look for, below the score. */
function CriterionGuide({ criterion }: { criterion: CriterionInStatement }) {
  return (
    <div className="criterion-guide">
      <h3>What good looks like</h3>
      <p>{criterion.whatGoodLooksLike}</p>
      <h3>Questions to ask of the evidence</h3>
      <ul className="evidence-prompts">
        {criterion.evidencePrompts.map((prompt) => (
          <li key={prompt}>{prompt}</li>
        ))}
      </ul>
    </div>
  );
}

/** "Why did you choose this?": required for 0 and 3. Leaving the box saves at once. */
function RationaleField({
  criterionId,
  draft,
  onChange,
  onLeave,
}: {
  criterionId: string;
  draft: Draft;
  onChange: (patch: Partial<Draft>) => void;
  onLeave: () => void;
}) {
  const required = needsRationale(draft.score);
  return (
    <TextField
      key={`rationale-${criterionId}`}
      label="Why did you choose this?"
      description={
        required
          ? `Needed for a score of ${draft.score === 0 ? '0' : '3'}: say what in the evidence led you to it.`
          : 'Say what in the evidence led you to your score. Needed for a score of 0 or 3.'
      }
      isRequired={required}
      validationBehavior="aria"
      multiline
      rows={4}
      value={draft.rationale}
      onChange={(rationale) => onChange({ rationale })}
      // Leaving the box (for example to hand over) saves at once rather than after the pause.
      onBlur={onLeave}
    />
  );
}

/** The evidence the member relied on: the items listed for this criterion come first. */
function EvidenceLinks({
  criterionId,
  evidence,
  evidenceError,
  chosen,
  onChange,
}: {
  criterionId: string;
  evidence: EvidenceItem[];
  evidenceError: string | null;
  chosen: string[];
  onChange: (evidenceIds: string[]) => void;
}) {
  const listedHere = (item: EvidenceItem) => item.criteria.includes(criterionId);
  const inOrder = [...evidence].sort((a, b) => Number(listedHere(b)) - Number(listedHere(a)));
  return (
    <fieldset className="evidence-links">
      <legend className="field-label">Evidence you relied on</legend>
      {evidenceError && (
        <ErrorNotice title="The evidence register could not be shown" message={evidenceError} />
      )}
      {!evidenceError && evidence.length === 0 && <p>The evidence register is empty.</p>}
      <div className="evidence-choices">
        {inOrder.map((item) => (
          <CheckboxField
            key={item.id}
            label={item.title}
            description={listedHere(item) ? `Listed in the register for ${criterionId}` : undefined}
            isSelected={chosen.includes(item.id)}
            onChange={(selected) =>
              onChange(selected ? [...chosen, item.id] : chosen.filter((id) => id !== item.id))
            }
          />
        ))}
      </div>
    </fieldset>
  );
}

/** "Saved" / "Saving…" / "Not saved — why", read out politely as it changes. */
function SaveStatus({ state, onRetry }: { state: SaveState; onRetry: () => void }) {
  return (
    <div className={`save-status save-status-${state.kind}`}>
      <p role="status" className="save-status-text">
        {state.kind === 'idle' && 'Your answers are saved as you go.'}
        {state.kind === 'saving' && 'Saving…'}
        {state.kind === 'saved' && (
          <>
            <span aria-hidden="true">✓ </span>Saved
          </>
        )}
        {state.kind === 'kept' && 'Kept on this device — will send when the room is back.'}
        {state.kind === 'failed' && (
          <>
            <span aria-hidden="true">⚠ </span>Not saved — {state.reason}
          </>
        )}
      </p>
      {state.kind === 'failed' && <Button onPress={onRetry}>Try saving again</Button>}
    </div>
  );
}
