import { useState } from 'react';
import type {
  CalibrationResult,
  CalibrationStatus,
  CalibrationThresholds,
  PracticeCaseForScoring,
} from '../../../../shared/api';
import type { ScorePoint } from '../../../../shared/scale';
import { useChange, useRead } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { ChoiceGroup } from '../../ui/fields';
import { formatDate } from '../../ui/format';
import { ThresholdsForm } from './ThresholdsForm';

/**
 * Calibration against a practice case (issue 14 item 3), the Scheme office's "Practice case"
 * section: an assessor from the directory scores the practice case on their own, then sees how their
 * scores compare with the reference. Their scores
 * stay on this screen until they submit them all at once; the reference never reaches this screen
 * before then.
 */

const SCORES = ['0', '1', '2', '3'] as const;
type ScoreChoice = (typeof SCORES)[number];
const SCORE_CHOICES = SCORES.map((value) => ({ value, label: value }));

/** An assessor's calibration today, in plain words (also shown in the scheme office's directory). */
export function statusInWords(status: CalibrationStatus): string {
  switch (status.state) {
    case 'calibrated':
      return `Calibrated on ${formatDate(status.calibratedOn)}, until ${formatDate(status.expiresOn)}`;
    case 'calibration_expired':
      return `Calibration expired on ${formatDate(status.expiresOn)}`;
    case 'not_calibrated':
      return 'Not calibrated yet';
  }
}

function thresholdsInWords(thresholds: CalibrationThresholds): string {
  return `Calibrated means at least ${thresholds.withinOnePercent}% of criteria within one point of the reference, and agreement (Krippendorff’s alpha) of at least ${thresholds.alphaThousandths / 1000}.`;
}

/** The body of the Scheme office's "Practice case" section (the page around it is SchemeScreen). */
export function CalibrationSection() {
  const overview = useRead('calibration.overview', {});
  const markBundled = useChange('calibration.markBundled');
  const [assessorId, setAssessorId] = useState<string | null>(null);
  const [practiceCaseId, setPracticeCaseId] = useState<string | null>(null);
  const [started, setStarted] = useState(false);

  if (overview.isError)
    return <ErrorNotice title="The practice cases could not be read" message={overview.error.message} />;
  if (!overview.data) return <StatusNotice>Reading the practice cases…</StatusNotice>;
  const { practiceCases, assessors, thresholds } = overview.data;
  const chosenCase = practiceCaseId ?? practiceCases[0]?.id ?? null;
  const assessor = assessors.find((row) => row.id === assessorId);

  return (
    <>
      <p>
        An assessor scores a practice case on their own; then the app compares their scores with the panel’s
        agreed scores. {thresholdsInWords(thresholds)} Calibration lasts as long as training does.
      </p>
      <section aria-labelledby="assessors-heading">
        <h2 id="assessors-heading">Calibration of each assessor</h2>
        {assessors.length === 0 ? (
          <p>No one is in the assessor directory yet. Add assessors in the Assessors section first.</p>
        ) : (
          <ul>
            {assessors.map((row) => (
              <li key={row.id}>
                <strong>{row.name}</strong>: {statusInWords(row.calibration)}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="practice-cases-heading">
        <h2 id="practice-cases-heading">Practice cases</h2>
        {practiceCases.length === 0 && <p>There is no practice case in this scheme file yet.</p>}
        {practiceCases.length > 0 && (
          <ChoiceGroup
            label="Practice case to score"
            choices={practiceCases.map((row) => ({
              value: row.id,
              label: row.title,
              description: `${row.criteria} criteria${row.fictional ? ', fictional' : ''}`,
            }))}
            value={chosenCase}
            onChange={(value) => {
              setPracticeCaseId(value);
              setStarted(false);
            }}
          />
        )}
        {!practiceCases.some((row) => row.source === 'bundled') && (
          <Button
            isPending={markBundled.isPending}
            pendingLabel="Adding…"
            onPress={() => markBundled.mutate({})}
          >
            Add the bundled fictional practice case
          </Button>
        )}
        {markBundled.isError && <ErrorNotice message={markBundled.error.message} />}
      </section>

      {assessors.length > 0 && chosenCase && (
        <section aria-labelledby="practice-heading">
          <h2 id="practice-heading">Score the practice case</h2>
          <ChoiceGroup
            label="Who is scoring?"
            choices={assessors.map((row) => ({ value: row.id, label: row.name }))}
            value={assessorId}
            onChange={(value) => {
              setAssessorId(value);
              setStarted(false);
            }}
          />
          {!started && (
            <Button variant="primary" isDisabled={!assessor} onPress={() => setStarted(true)}>
              Start scoring
            </Button>
          )}
          {started && assessor && (
            <PracticeScoring
              key={`${assessor.id}/${chosenCase}`}
              practiceCaseId={chosenCase}
              assessorId={assessor.id}
              assessorName={assessor.name}
            />
          )}
        </section>
      )}

      <ThresholdsForm thresholds={thresholds} />
    </>
  );
}

function PracticeScoring({
  practiceCaseId,
  assessorId,
  assessorName,
}: {
  practiceCaseId: string;
  assessorId: string;
  assessorName: string;
}) {
  const practice = useRead('calibration.practiceCase', { practiceCaseId });
  const submit = useChange('calibration.submit');
  const [scores, setScores] = useState<Record<string, ScoreChoice>>({});

  if (practice.isError) return <ErrorNotice message={practice.error.message} />;
  if (!practice.data) return <StatusNotice>Opening the practice case…</StatusNotice>;
  if (submit.data) return <CalibrationOutcome result={submit.data} assessorName={assessorName} />;
  const criteria = practice.data.criteria;
  const missing = criteria.filter((criterion) => scores[criterion.id] === undefined).length;

  return (
    <div className="practice">
      <p>
        {assessorName}, score each criterion from 0 (not yet met) to 3 on your own. Nobody sees your scores
        until you submit them; then you will see the panel’s agreed scores and reasons.
      </p>
      <PracticeCriteria practice={practice.data} scores={scores} onScore={setScores} />
      {submit.isError && <ErrorNotice message={submit.error.message} />}
      <p role="status">
        {missing === 0
          ? 'Every criterion is scored.'
          : `${missing} of ${criteria.length} criteria still to score.`}
      </p>
      <Button
        variant="primary"
        isDisabled={missing > 0}
        isPending={submit.isPending}
        pendingLabel="Comparing…"
        onPress={() =>
          submit.mutate({
            practiceCaseId,
            assessorId,
            scores: Object.fromEntries(
              Object.entries(scores).map(([id, score]) => [id, Number(score) as ScorePoint]),
            ),
          })
        }
      >
        Submit my practice scores
      </Button>
    </div>
  );
}

function PracticeCriteria({
  practice,
  scores,
  onScore,
}: {
  practice: PracticeCaseForScoring;
  scores: Record<string, ScoreChoice>;
  onScore: (next: (before: Record<string, ScoreChoice>) => Record<string, ScoreChoice>) => void;
}) {
  return (
    <ol className="practice-criteria">
      {practice.criteria.map((criterion) => (
        <li key={criterion.id}>
          <h3>
            {criterion.id} {criterion.title}
          </h3>
          <p>{criterion.whatGoodLooksLike}</p>
          {criterion.evidence.length > 0 && (
            <ul>
              {criterion.evidence.map((evidence, index) => (
                <li key={index}>
                  <strong>{evidence.title}</strong>
                  {evidence.summary ? `: ${evidence.summary}` : ''}
                  {evidence.quote ? ` “${evidence.quote}”` : ''}
                </li>
              ))}
            </ul>
          )}
          <ChoiceGroup
            label={`Your score for ${criterion.id}`}
            orientation="horizontal"
            choices={SCORE_CHOICES}
            value={scores[criterion.id] ?? null}
            onChange={(value) => onScore((before) => ({ ...before, [criterion.id]: value }))}
          />
        </li>
      ))}
    </ol>
  );
}

function CalibrationOutcome({ result, assessorName }: { result: CalibrationResult; assessorName: string }) {
  return (
    <div className="calibration-outcome">
      <StatusNotice tone={result.calibrated ? 'success' : 'info'}>
        {result.calibrated ? `${assessorName} is calibrated.` : `${assessorName} is not calibrated yet.`}
      </StatusNotice>
      <p>{result.verdict}</p>
      <ul>
        <li>Exactly the same score as the reference: {result.exactPercent}% of criteria</li>
        <li>Within one point: {result.withinOnePercent}% of criteria</li>
        <li>
          Agreement (Krippendorff’s alpha): {result.alpha ?? 'cannot be measured'}. {result.alphaInWords}
        </li>
        <li>
          Two or more points apart:{' '}
          {result.differedByTwoOrMore.length === 0 ? 'none' : result.differedByTwoOrMore.join(', ')}
        </li>
      </ul>
      <h3>The panel’s agreed scores and reasons</h3>
      <table className="calibration-table">
        <caption>Your score beside the reference for each criterion</caption>
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col">Your score</th>
            <th scope="col">Reference</th>
            <th scope="col">Reason for the reference</th>
          </tr>
        </thead>
        <tbody>
          {result.byCriterion.map((row) => (
            <tr key={row.criterionId}>
              <th scope="row">
                {row.criterionId} {row.title}
              </th>
              <td>{row.assessorScore}</td>
              <td>{row.referenceScore}</td>
              <td>{row.rationale}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
