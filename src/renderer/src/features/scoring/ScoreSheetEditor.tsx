import type { EvidenceItem, MySheet } from '../../../../shared/api';
import type { Standard } from '../../../../shared/standard';
import { Button } from '../../ui/Button';
import { ProgressBar } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { CriteriaJumpList } from './CriteriaJumpList';
import { CriterionCard } from './CriterionCard';
import { SubmitSheet } from './SubmitSheet';
import { useScoreSheet, type ScoreSheet } from './useScoreSheet';

/** The member's own score sheet, one criterion at a time, saved as they go, then submitted. */
export function ScoreSheetEditor({
  caseId,
  memberId,
  standard,
  sheet,
  evidence,
  evidenceError,
  onRefused,
  actions,
}: {
  caseId: string;
  memberId: string;
  standard: Standard;
  sheet: MySheet;
  evidence: EvidenceItem[];
  evidenceError: string | null;
  /** A submit was refused: ask again for the sheet, whose problems say why. */
  onRefused: () => void;
  /** Beside the heading (the lead's way into the panel room). */
  actions?: React.ReactNode;
}) {
  const scoring = useScoreSheet({ caseId, memberId, standard, sheet });
  const { criterion, criteria, index, scoredCount } = scoring;
  if (!criterion) return null;
  const total = criteria.length;
  return (
    <Page
      title="Scoring"
      actions={actions}
      intro={
        <p>
          Score each criterion on your own. Your answers are saved as you go. Nobody else can see your scores
          until the lead assessor opens moderation.
        </p>
      }
    >
      <div className="scoring-progress">
        <ProgressBar label={`${scoredCount} of ${total} scored`} value={scoredCount} total={total} />
      </div>
      <CriterionCard
        standard={standard}
        criterion={criterion}
        position={index + 1}
        total={total}
        headingRef={scoring.headingRef}
        draft={scoring.draft}
        saveState={scoring.saveStates[criterion.id] ?? { kind: 'idle' }}
        evidence={evidence}
        evidenceError={evidenceError}
        onChange={scoring.update}
        onLeaveRationale={scoring.saveNow}
        onRetry={() => scoring.retry(criterion.id)}
      />
      <CriterionNav scoring={scoring} />
      <CriteriaJumpList
        standard={standard}
        drafts={scoring.drafts}
        saveStates={scoring.saveStates}
        currentId={criterion.id}
        onJump={scoring.goToCriterion}
      />
      <SubmitSheet
        caseId={caseId}
        sheet={sheet}
        standard={standard}
        scoredCount={scoredCount}
        total={total}
        problems={scoring.problems}
        headingRef={scoring.submitHeadingRef}
        beforeSubmit={scoring.saveEverything}
        onRefused={onRefused}
        onGoTo={scoring.goToCriterion}
      />
    </Page>
  );
}

/** Previous and next criterion; on the last one, the way to the submit section. */
function CriterionNav({ scoring }: { scoring: ScoreSheet }) {
  const { index, criteria } = scoring;
  return (
    <div className="criterion-nav">
      <Button onPress={() => scoring.goTo(index - 1)} isDisabled={index === 0}>
        Previous criterion
      </Button>
      {index < criteria.length - 1 ? (
        <Button variant="primary" onPress={() => scoring.goTo(index + 1)}>
          Next criterion
        </Button>
      ) : (
        <Button variant="primary" onPress={scoring.goToSubmit}>
          Go to submit
        </Button>
      )}
    </div>
  );
}
