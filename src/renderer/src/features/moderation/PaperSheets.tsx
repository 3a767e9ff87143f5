import { useState } from 'react';
import { Form } from 'react-aria-components';
import type { PanelMember } from '../../../../shared/api';
import { NOT_ENOUGH_EVIDENCE, type Score } from '../../../../shared/scoring';
import { allCriteria, type Standard } from '../../../../shared/standard';
import { errorDetails } from '../../app/client-context';
import { useChange } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorNotice } from '../../ui/feedback';
import { ChoiceGroup, TextField } from '../../ui/fields';
import { stopAtEnds } from '../scoring/ScoreChoices';

const SCORE_CHOICES = [
  { value: '0', label: '0 — Not yet met' },
  { value: '1', label: '1' },
  { value: '2', label: '2' },
  { value: '3', label: '3' },
  { value: NOT_ENOUGH_EVIDENCE, label: 'Not enough evidence' },
] as const;
type ScoreChoice = (typeof SCORE_CHOICES)[number]['value'];

const toScore = (choice: ScoreChoice): Score =>
  choice === NOT_ENOUGH_EVIDENCE ? NOT_ENOUGH_EVIDENCE : (Number(choice) as Score);

/**
 * For the lead, while sheets are still coming in: enter a member's paper score sheet on their
 * behalf (the record says so), or leave a member's sheet out of moderation with a reason.
 */
export function PaperSheets({
  caseId,
  standard,
  waiting,
}: {
  caseId: string;
  standard: Standard;
  waiting: PanelMember[];
}) {
  const [entering, setEntering] = useState<PanelMember | null>(null);
  const [leavingOut, setLeavingOut] = useState<PanelMember | null>(null);
  if (waiting.length === 0) return null;
  return (
    <section aria-labelledby="paper-sheets-heading">
      <h2 id="paper-sheets-heading">Sheets still to come</h2>
      <p>
        If someone scored on paper, enter their sheet for them: the record will show you entered it on their
        behalf. If someone cannot take part after all, leave their sheet out and say why.
      </p>
      <ul className="plain-list">
        {waiting.map((member) => (
          <li key={member.id} className="list-row">
            <p className="list-row-title">{member.name}</p>
            <div className="page-actions">
              <Button onPress={() => setEntering(member)}>Enter the paper sheet of {member.name}</Button>
              <Button variant="danger" onPress={() => setLeavingOut(member)}>
                Leave out the sheet of {member.name}
              </Button>
            </div>
          </li>
        ))}
      </ul>
      {entering && (
        <PaperSheetForm
          key={entering.id}
          caseId={caseId}
          standard={standard}
          member={entering}
          onDone={() => setEntering(null)}
        />
      )}
      <LeaveOutDialog caseId={caseId} member={leavingOut} onClose={() => setLeavingOut(null)} />
    </section>
  );
}

function PaperSheetForm({
  caseId,
  standard,
  member,
  onDone,
}: {
  caseId: string;
  standard: Standard;
  member: PanelMember;
  onDone: () => void;
}) {
  const criteria = allCriteria(standard);
  const [scores, setScores] = useState<Record<string, ScoreChoice>>({});
  const [rationales, setRationales] = useState<Record<string, string>>({});
  const missing = criteria
    .filter((criterion) => scores[criterion.id] === undefined)
    .map((criterion) => criterion.id);
  const enter = useChange('scoring.enterPaperSheet', { onSuccess: onDone });
  return (
    <Form
      className="form paper-sheet"
      aria-labelledby="paper-sheet-heading"
      onSubmit={(event) => {
        event.preventDefault();
        enter.mutate({
          caseId,
          memberId: member.id,
          entries: criteria.map((criterion) => ({
            criterionId: criterion.id,
            score: toScore(scores[criterion.id] ?? '0'),
            rationale: rationales[criterion.id] ?? '',
            evidenceIds: [],
          })),
        });
      }}
    >
      <h3 id="paper-sheet-heading">Paper sheet of {member.name}</h3>
      {standard.statements.map((statement) => (
        <fieldset key={statement.number} className="paper-statement">
          <legend>
            I Statement {statement.number}: {statement.text}
          </legend>
          {statement.criteria.map((criterion) => (
            <div key={criterion.id} className="paper-criterion">
              <div onKeyDownCapture={stopAtEnds}>
                <ChoiceGroup
                  label={`${criterion.id} ${criterion.title}`}
                  orientation="horizontal"
                  choices={SCORE_CHOICES}
                  value={scores[criterion.id] ?? null}
                  onChange={(value) => setScores((s) => ({ ...s, [criterion.id]: value }))}
                  isRequired
                />
              </div>
              <TextField
                label={`Why this score for ${criterion.id}?`}
                description="As written on the sheet. Needed for 0 and 3."
                multiline
                rows={2}
                value={rationales[criterion.id] ?? ''}
                onChange={(value) => setRationales((r) => ({ ...r, [criterion.id]: value }))}
              />
            </div>
          ))}
        </fieldset>
      ))}
      {missing.length > 0 && (
        <p>
          {missing.length} of {criteria.length} criteria still need a score from the sheet.
        </p>
      )}
      {enter.isError && (
        <ErrorNotice
          title="The paper sheet was not entered"
          message={enter.error.message}
          details={errorDetails(enter.error)}
        />
      )}
      <div className="page-actions">
        <Button
          type="submit"
          variant="primary"
          isDisabled={missing.length > 0}
          isPending={enter.isPending}
          pendingLabel="Entering…"
        >
          Enter and submit this paper sheet
        </Button>
        <Button onPress={onDone}>Cancel</Button>
      </div>
    </Form>
  );
}

function LeaveOutDialog({
  caseId,
  member,
  onClose,
}: {
  caseId: string;
  member: PanelMember | null;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const leaveOut = useChange('scoring.excludeSheet', {
    onSuccess: () => {
      setReason('');
      onClose();
    },
  });
  return (
    <ConfirmDialog
      isOpen={member !== null}
      onOpenChange={(open) => {
        if (!open) onClose();
      }}
      role="dialog"
      variant="danger"
      title={`Leave out the sheet of ${member?.name ?? ''}?`}
      confirmLabel="Leave the sheet out"
      pendingLabel="Leaving it out…"
      isPending={leaveOut.isPending}
      error={leaveOut.error?.message}
      onConfirm={() => leaveOut.mutate({ caseId, memberId: member?.id ?? '', reason })}
    >
      <p>Their scores will not be part of moderation. This is recorded with your reason.</p>
      <TextField label="Reason" isRequired value={reason} onChange={setReason} />
    </ConfirmDialog>
  );
}
