import { ROLE_NAMES, type PanelMember } from '../../../../shared/api';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { RemoveDialog } from '../../ui/RemoveDialog';
import { OpenScoringButton } from '../scoring/OpenScoringButton';
import { PanelTraining } from '../scheme/PanelTraining';
import { AddMemberForm, DeclarationForm } from './MemberForms';
import { MemberCard } from './MemberCard';
import { describeConflict, whoRecorded } from './panelWords';
import { usePanelSection, type PanelSectionState } from './usePanelSection';
import './panel.css';

const SCORING_RULE =
  'Scoring opens when the panel has a lead assessor and at least two people who score, at least one of them an Expert by Experience.';

/** The panel: who is on it, their roles, consent to be named, PINs, conflicts of interest and progress. */
export function PanelSection({ caseId }: { caseId: string }) {
  const state = usePanelSection(caseId);
  const { panel, isLead, beforeScoring, form, done, me, removal } = state;
  return (
    <Page
      title="Panel"
      intro={
        <>
          <p>
            The people assessing this organisation: the lead assessor, Experts by Experience and any
            professional co-assessors.
          </p>
          {beforeScoring && (
            <p>
              <strong>{SCORING_RULE}</strong>
            </p>
          )}
        </>
      }
      actions={
        isLead && form?.kind !== 'add' && state.progress.data ? (
          <Button
            variant="primary"
            data-focus-key="add-member"
            onPress={() => state.openForm({ kind: 'add' })}
          >
            Add a member
          </Button>
        ) : undefined
      }
    >
      {done && <StatusNotice tone="success">{done}</StatusNotice>}
      {panel.isError && <ErrorNotice title="The panel could not be shown" message={panel.error.message} />}
      {form?.kind === 'add' && (
        <div className="card panel-add">
          <AddMemberForm
            caseId={caseId}
            observersOnly={!beforeScoring}
            onCancel={() => state.cancelForm('add-member')}
            onDone={(message, member) => state.finish(message, `member-${member.id}`)}
          />
        </div>
      )}
      <PanelTraining caseId={caseId} isLead={isLead} beforeScoring={beforeScoring} />
      <ScoringStatus caseId={caseId} state={state} />
      <Members caseId={caseId} state={state} />
      {me && (
        <YourDeclaration caseId={caseId} me={me} onDone={(m) => state.finish(m, 'declaration-heading')} />
      )}
      <RemoveDialog
        removal={removal}
        title="Remove this member?"
        confirmLabel="Yes, remove them"
        pendingLabel="Removing…"
      >
        {(member: PanelMember) => (
          <p>
            <strong>{member.name}</strong> ({ROLE_NAMES[member.role]}) will be taken off the panel. You can
            add them again before scoring opens.
          </p>
        )}
      </RemoveDialog>
    </Page>
  );
}

/** Whether scoring is open, why not yet, and for the lead before scoring, the button that opens it. */
function ScoringStatus({ caseId, state }: { caseId: string; state: PanelSectionState }) {
  const { progress, openScoring, isLead, beforeScoring } = state;
  const phase = progress.data?.phase;
  const explanation = progress.data?.stages.find((s) => s.name === 'scoring')?.explanation;
  return (
    <section aria-labelledby="scoring-heading" className="panel-scoring">
      <h2 id="scoring-heading">Scoring</h2>
      {progress.data && (
        <p>
          {beforeScoring
            ? 'Scoring is not open yet. '
            : phase === 'scoring'
              ? 'Scoring is open. '
              : 'Scoring has finished. '}
          {!openScoring.isError && explanation}
        </p>
      )}
      {isLead && beforeScoring && (
        <OpenScoringButton caseId={caseId} opening={openScoring} onPress={state.clearDone} />
      )}
    </section>
  );
}

/** Everyone on the panel, each with the form open on them (if any) in place of their buttons. */
function Members({ caseId, state }: { caseId: string; state: PanelSectionState }) {
  const { panel, members, signedIn, form } = state;
  return (
    <section aria-labelledby="members-heading">
      <h2 id="members-heading" tabIndex={-1} data-focus-key="members-heading">
        Members{panel.data ? ` (${members.length})` : ''}
      </h2>
      {panel.isPending && <p role="status">Loading the panel…</p>}
      {panel.data && members.length === 0 && <p>Nobody is on the panel yet.</p>}
      <ul className="plain-list member-list">
        {members.map((member) => (
          <li key={member.id} className="member">
            <MemberCard
              caseId={caseId}
              member={member}
              isSelf={member.id === signedIn?.memberId}
              isLead={state.isLead}
              beforeScoring={state.beforeScoring}
              openForm={form && form.kind !== 'add' && form.memberId === member.id ? form.kind : null}
              onOpenForm={(kind) => state.openForm({ kind, memberId: member.id })}
              onRemove={() => state.askToRemove(member)}
              onCancel={state.cancelForm}
              onDone={state.finish}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The signed-in member's own declaration of any conflict of interest. */
function YourDeclaration({
  caseId,
  me,
  onDone,
}: {
  caseId: string;
  me: PanelMember;
  onDone: (message: string) => void;
}) {
  return (
    <section aria-labelledby="declaration-heading" className="card panel-declaration">
      <h2 id="declaration-heading" tabIndex={-1} data-focus-key="declaration-heading">
        Your conflicts of interest
      </h2>
      <p>
        Before scoring, every member says whether anything could affect how they judge this organisation. If
        you declare something, the lead assessor decides whether you can still score.
      </p>
      <p>
        <strong>What you have declared so far:</strong> {describeConflict(me.conflict).headline}.
        {whoRecorded(me.conflict) &&
          ` ${whoRecorded(me.conflict)}: to make it your own, declare below (you can say the same).`}
      </p>
      <DeclarationForm
        key={`${me.conflict.status}-${'declaredAt' in me.conflict ? me.conflict.declaredAt : ''}`}
        caseId={caseId}
        member={me}
        onDone={onDone}
      />
    </section>
  );
}
