import { useState } from 'react';
import { Form } from 'react-aria-components';
import type { AgreedRecord, DissentNote, ModerationView } from '../../../../shared/api';
import { formatMedian, type CriterionModeration } from '../../../../shared/scoring';
import { allCriteria, type Criterion, type Standard } from '../../../../shared/standard';
import { errorDetails } from '../../app/client-context';
import { useChange } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { ChoiceGroup, TextField } from '../../ui/fields';
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
      <h2 id="discussion-heading" ref={headingRef} tabIndex={-1} className="discussion-heading">
        <span className="discussion-position">
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
      <ScoresAndSpread row={row} />
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

      <h3>Dissent notes</h3>
      <DissentNotes notes={view.dissent.filter((d) => d.criterionId === row.criterionId)} />
      {open && canDissent && agreed && <DissentForm caseId={caseId} criterionId={row.criterionId} />}
      {open && canDissent && !agreed && (
        <p>
          Once the lead assessor records an agreed score, any member who scored in this moderation can add a
          dissent note to it while moderation is open.
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

/** Each member's score in words, beside the dot plot of the spread. */
function ScoresAndSpread({ row }: { row: CriterionModeration }) {
  return (
    <div className="discussion-scores">
      <ul className="member-scores">
        {row.scores.map((s) => (
          <li key={s.memberId}>
            <strong>{s.memberName}:</strong> {shortScore(s.score)}
          </li>
        ))}
      </ul>
      <div className="discussion-plot">
        <DotPlot row={row} width={220} />
        {row.median !== null && (
          <p className="spread-text" aria-hidden="true">
            Median {formatMedian(row.median)}, spread {row.range}
          </p>
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
  if (notes.length === 0) return <p>No dissent notes.</p>;
  return (
    <ul className="plain-list">
      {notes.map((d) => (
        <li key={d.id} className="list-row dissent-note">
          <span>
            <strong>{d.memberName}</strong>, {formatDateTime(d.recordedAt)}: {d.text}
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
          <strong>Why:</strong> {agreed.rationale}
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
      <TextField
        label="Rationale for the agreed score"
        description={`Why the panel agreed this score, in words the organisation can read. Needed when the scores were divergent, the evidence was disputed, or the agreed score differs from the median${row.median === null ? '' : ` (${formatMedian(row.median)})`}.`}
        multiline
        rows={3}
        value={rationale}
        onChange={setRationale}
      />
      {showOutside && (
        <TextField
          label="Reason for going outside the panel’s range"
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
        label="Your dissent note"
        description={`If you disagree with the agreed score for ${criterionId}, say why. Your note is kept with the record.`}
        multiline
        rows={3}
        value={text}
        onChange={(value) => {
          setText(value);
          setEmpty(false);
        }}
        errorMessage={empty ? 'Write your dissent note first.' : undefined}
      />
      {dissent.isError && (
        <ErrorNotice title="Your dissent note was not added" message={dissent.error.message} />
      )}
      {dissent.isSuccess && !dissent.isPending && (
        <StatusNotice tone="success">Your dissent note is added.</StatusNotice>
      )}
      <Button type="submit" isPending={dissent.isPending} pendingLabel="Adding…">
        Add dissent note
      </Button>
    </Form>
  );
}
