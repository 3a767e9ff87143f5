import { useState } from 'react';
import { Form } from 'react-aria-components';
import type { AgreedRecord, DissentNote, MemberReasoning, ModerationView } from '../../../../shared/api';
import { formatMedian, type CriterionModeration } from '../../../../shared/scoring';
import { allCriteria, type Criterion, type Standard } from '../../../../shared/standard';
import { errorDetails } from '../../app/client-context';
import { useChange, useRead } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { ChoiceGroup, TextField } from '../../ui/fields';
import { stopAtEnds } from '../scoring/ScoreChoices';
import { formatDateTime } from '../../ui/format';
import {
  scoreChoices,
  scoreName,
  scoreToValue,
  shortScore,
  valueToScore,
  type ScoreValue,
} from '../scoring/scores';
import { DotPlot } from './DotPlot';
import { outsideRange } from './spread';

/** One criterion under discussion: its scores, why it needs talking about, the agreed score and any dissent. */
export function CriterionDiscussion({
  caseId,
  row,
  position,
  total,
  standard,
  view,
  isLead,
  canDissent,
  headingRef,
  nameOf,
  onPrevious,
  onNext,
}: {
  caseId: string;
  row: CriterionModeration;
  position: number;
  total: number;
  standard: Standard;
  view: ModerationView;
  isLead: boolean;
  canDissent: boolean;
  headingRef: React.RefObject<HTMLHeadingElement | null>;
  nameOf: (id: string) => string;
  onPrevious: (() => void) | undefined;
  onNext: (() => void) | undefined;
}) {
  const criterion = allCriteria(standard).find((c) => c.id === row.criterionId);
  const statement = standard.statements.find((s) => s.number === row.statementNumber);
  const agreed = view.agreed.find((a) => a.criterionId === row.criterionId);
  const open = view.state === 'open';

  return (
    <section className="discussion" aria-labelledby="discussion-heading">
      <h2 id="discussion-heading" ref={headingRef} tabIndex={-1} className="criterion-heading">
        <span className="criterion-position">
          Discussing criterion {position} of {total}
          <span className="visually-hidden">:</span>
        </span>{' '}
        <span>
          {row.criterionId} {row.title}
        </span>
      </h2>
      {statement && (
        <p className="discussion-statement">
          <strong>I Statement {statement.number}:</strong> “{statement.text}”
        </p>
      )}
      <WhyDiscuss row={row} />
      <ScoresAndSpread
        caseId={caseId}
        row={row}
        reasoning={view.reasoning.filter((entry) => entry.criterionId === row.criterionId)}
      />
      {criterion && <LevelDescriptors criterion={criterion} />}

      <h3>Agreed score</h3>
      {agreed ? (
        <AgreedSummary agreed={agreed} standard={standard} nameOf={nameOf} />
      ) : (
        <p>No agreed score has been recorded yet.</p>
      )}
      {isLead && open && criterion && (
        <AgreeForm caseId={caseId} row={row} standard={standard} agreed={agreed} />
      )}

      <h3>I disagree — members’ notes</h3>
      <DissentNotes notes={view.dissent.filter((d) => d.criterionId === row.criterionId)} />
      {open && canDissent && agreed && <DissentForm caseId={caseId} criterionId={row.criterionId} />}
      {open && canDissent && !agreed && (
        <p>
          Once the lead assessor records an agreed score, any member who scored can write a note saying they
          disagree, while moderation is open.
        </p>
      )}

      <div className="discussion-nav">
        <Button onPress={onPrevious ?? (() => undefined)} isDisabled={!onPrevious}>
          Previous criterion
        </Button>
        <Button onPress={onNext ?? (() => undefined)} isDisabled={!onNext}>
          Next criterion
        </Button>
      </div>
    </section>
  );
}

/** Why the criterion needs talking about: divergent scores, disputed evidence, or neither. */
function WhyDiscuss({ row }: { row: CriterionModeration }) {
  if (row.divergent) {
    return (
      <p className="mod-flag mod-flag-divergent mod-flag-block">
        <span aria-hidden="true">◆ </span>
        <strong>Divergent:</strong> {row.reasons.join(' ')}
      </p>
    );
  }
  if (row.evidenceDisputed) {
    return (
      <p className="mod-flag mod-flag-disputed mod-flag-block">
        <span aria-hidden="true">◇ </span>
        <strong>Evidence disputed:</strong> {row.reasons.join(' ')}
      </p>
    );
  }
  return <p>The panel’s scores are close on this criterion.</p>;
}

/**
 * Each member's score with their own reasons and the evidence they ticked (shown only once
 * moderation is open: the main process seals them before), beside the dot plot of the spread.
 */
function ScoresAndSpread({
  caseId,
  row,
  reasoning,
}: {
  caseId: string;
  row: CriterionModeration;
  reasoning: MemberReasoning[];
}) {
  const evidence = useRead('evidence.list', { caseId });
  const titleOf = (id: string) =>
    evidence.data?.find((item) => item.id === id)?.title ?? 'Evidence no longer in the register';
  return (
    <div className="discussion-scores">
      <ul className="member-scores" aria-label={`Each member’s score and reasons for ${row.criterionId}`}>
        {row.scores.map((s) => {
          const own = reasoning.find((entry) => entry.memberId === s.memberId);
          return (
            <li key={s.memberId} className="member-score">
              <p className="member-score-line">
                <strong>{s.memberName}:</strong> {shortScore(s.score)}
              </p>
              <p className="member-score-why">
                <span className="member-score-label">Why they chose this:</span>{' '}
                {own && own.rationale.trim() !== '' ? own.rationale : 'No reason written.'}
              </p>
              <div className="member-score-evidence">
                <span className="member-score-label">Evidence they ticked:</span>{' '}
                {own && own.evidenceIds.length > 0 ? (
                  <ul className="member-score-evidence-list">
                    {own.evidenceIds.map((id) => (
                      <li key={id}>{titleOf(id)}</li>
                    ))}
                  </ul>
                ) : (
                  'None.'
                )}
              </div>
            </li>
          );
        })}
      </ul>
      <div className="discussion-plot">
        <DotPlot row={row} width={220} />
        {row.median !== null && (
          <details className="criterion-more spread-details">
            <summary>Details</summary>
            <p className="spread-text">
              Median (the middle score) {formatMedian(row.median)}, spread {row.range}
            </p>
          </details>
        )}
      </div>
    </div>
  );
}

/** What good looks like and the three level descriptors, folded away until asked for. */
function LevelDescriptors({ criterion }: { criterion: Criterion }) {
  return (
    <details className="criterion-more">
      <summary>What good looks like, and the level descriptors</summary>
      <p>{criterion.whatGoodLooksLike}</p>
      <dl className="facts">
        {(['1', '2', '3'] as const).map((level) => (
          <div key={level} className="facts-row">
            <dt>Level {level}</dt>
            <dd>{criterion.descriptors[level]}</dd>
          </div>
        ))}
      </dl>
    </details>
  );
}

function DissentNotes({ notes }: { notes: DissentNote[] }) {
  if (notes.length === 0) return <p>Nobody has written that they disagree.</p>;
  return (
    <ul className="plain-list">
      {notes.map((d) => (
        <li key={d.id} className="list-row dissent-note">
          <span>
            <strong>{d.memberName}</strong> disagrees ({formatDateTime(d.recordedAt)}): {d.text}
          </span>
        </li>
      ))}
    </ul>
  );
}

function AgreedSummary({
  agreed,
  standard,
  nameOf,
}: {
  agreed: AgreedRecord;
  standard: Standard;
  nameOf: (id: string) => string;
}) {
  return (
    <div className="agreed-record">
      <p className="agreed-score">
        <span aria-hidden="true">✓ </span>
        Agreed: <strong>{scoreName(standard, agreed.score)}</strong>
      </p>
      <p>
        Recorded by {nameOf(agreed.recordedBy)} on {formatDateTime(agreed.recordedAt)}.
      </p>
      {agreed.rationale && (
        <p>
          <strong>Why the panel chose this:</strong> {agreed.rationale}
        </p>
      )}
      {agreed.outsideRangeReason && (
        <p>
          <strong>Why outside the panel’s range:</strong> {agreed.outsideRangeReason}
        </p>
      )}
    </div>
  );
}

function AgreeForm({
  caseId,
  row,
  standard,
  agreed,
}: {
  caseId: string;
  row: CriterionModeration;
  standard: Standard;
  agreed: AgreedRecord | undefined;
}) {
  const criterion = allCriteria(standard).find((c) => c.id === row.criterionId);
  const [score, setScore] = useState<ScoreValue | null>(agreed ? scoreToValue(agreed.score) : null);
  const [rationale, setRationale] = useState(agreed?.rationale ?? '');
  const [outsideReason, setOutsideReason] = useState(agreed?.outsideRangeReason ?? '');
  const [missingScore, setMissingScore] = useState(false);
  const [serverWantsOutside, setServerWantsOutside] = useState(false);
  const chosen = score === null ? null : valueToScore(score);
  const showOutside = outsideRange(chosen, row) || serverWantsOutside || outsideReason.trim() !== '';
  const agree = useChange('moderation.agree', {
    onError: (error) => {
      // The server says when a reason for going outside the range is needed; show the field then.
      if (error.code === 'RATIONALE_REQUIRED' && /range/i.test(error.message)) setServerWantsOutside(true);
    },
  });
  const rangeWords = [
    row.min === null || row.max === null
      ? 'The panel gave no scores from 0 to 3.'
      : row.min === row.max
        ? `Everyone who scored gave ${row.min}.`
        : `The panel’s scores run from ${row.min} to ${row.max}.`,
    row.notEnoughEvidence.length > 0
      ? `${row.notEnoughEvidence.length === 1 ? 'One member' : `${row.notEnoughEvidence.length} members`} found not enough evidence.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');

  if (!criterion) return null;
  return (
    <Form
      className="form agree-form"
      validationBehavior="aria"
      onSubmit={(event) => {
        event.preventDefault();
        if (score === null) {
          setMissingScore(true);
          return;
        }
        agree.mutate({
          caseId,
          criterionId: row.criterionId,
          score: valueToScore(score),
          rationale,
          ...(showOutside ? { outsideRangeReason: outsideReason } : {}),
        });
      }}
    >
      <div onKeyDownCapture={stopAtEnds}>
        <ChoiceGroup
          label={`Agreed score for ${row.criterionId}`}
          description="The score the panel agrees on after talking it through."
          choices={scoreChoices(standard, criterion)}
          value={score}
          onChange={(value) => {
            setScore(value);
            setMissingScore(false);
          }}
          isRequired
          errorMessage={missingScore ? 'Choose the agreed score.' : undefined}
        />
      </div>
      <TextField
        label="Why did the panel choose this score?"
        description={`In words the organisation can read. Needed when the scores were far apart, members disagreed about the evidence, or the agreed score is not the middle score${row.median === null ? '' : ` (${middleScoreWords(row.median)})`}.`}
        multiline
        rows={3}
        value={rationale}
        onChange={setRationale}
      />
      {showOutside && (
        <TextField
          label="Why go outside the scores the panel gave?"
          description={`${rangeWords} Say why the agreed score is different.`}
          multiline
          rows={3}
          isRequired
          value={outsideReason}
          onChange={setOutsideReason}
        />
      )}
      {agree.isError && (
        <ErrorNotice
          title="The agreed score was not recorded"
          message={agree.error.message}
          details={errorDetails(agree.error)}
        />
      )}
      {agree.isSuccess && !agree.isPending && (
        <StatusNotice tone="success">The agreed score for {row.criterionId} is recorded.</StatusNotice>
      )}
      <Button type="submit" variant="primary" isPending={agree.isPending} pendingLabel="Recording…">
        Record agreed score
      </Button>
    </Form>
  );
}

function DissentForm({ caseId, criterionId }: { caseId: string; criterionId: string }) {
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState(false);
  const dissent = useChange('moderation.dissent', { onSuccess: () => setText('') });
  return (
    <Form
      className="form dissent-form"
      validationBehavior="aria"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim() === '') {
          setEmpty(true);
          return;
        }
        dissent.mutate({ caseId, criterionId, text });
      }}
    >
      <TextField
        label="I disagree — my note"
        description={`If you disagree with the agreed score for ${criterionId}, say why. Your note is kept with the record.`}
        multiline
        rows={3}
        value={text}
        onChange={(value) => {
          setText(value);
          setEmpty(false);
        }}
        errorMessage={empty ? 'Write your note first.' : undefined}
      />
      {dissent.isError && <ErrorNotice title="Your note was not added" message={dissent.error.message} />}
      {dissent.isSuccess && !dissent.isPending && (
        <StatusNotice tone="success">Your note is added.</StatusNotice>
      )}
      <Button type="submit" isPending={dissent.isPending} pendingLabel="Adding…">
        Add my note
      </Button>
    </Form>
  );
}

/** The middle score in words: the two nearest whole scores when the median falls between them. */
function middleScoreWords(median: number): string {
  return Number.isInteger(median) ? String(median) : `${Math.floor(median)} or ${Math.ceil(median)}`;
}
