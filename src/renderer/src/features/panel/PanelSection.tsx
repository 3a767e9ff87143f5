import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ROLE_NAMES, type PanelMember } from '../../../../shared/api';
import { useCall } from '../../app/client-context';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { caseKeys, useCaseProgress, useOpenCase, usePanel } from '../case/useCase';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ActionButton } from '../../ui/ActionButton';
import { useFocusAfterRender } from '../../ui/formSupport';
import { AddMemberForm, DecideConflictForm, DeclarationForm, EditMemberForm, PinForm } from './MemberForms';
import { describeConflict, describeSheet } from './panelWords';
import './panel.css';

type Active = { kind: 'add' } | { kind: 'edit' | 'pin' | 'decide'; memberId: string } | null;

const SCORING_RULE =
  'Scoring opens when the panel has a lead assessor and at least two people who score, at least one of them an Expert by Experience.';

/** The panel: who is on it, their roles, consent to be named, PINs, conflicts of interest and progress. */
export function PanelSection({ caseId }: { caseId: string }) {
  const call = useCall();
  const queryClient = useQueryClient();
  const openCase = useOpenCase(caseId);
  const panel = usePanel(caseId);
  const progress = useCaseProgress(caseId);
  const focusAfterRender = useFocusAfterRender();
  const signedIn = openCase.data?.signedIn ?? null;
  const isLead = signedIn?.role === 'lead';
  const phase = progress.data?.phase;
  const beforeScoring = phase === 'preparing';

  const [active, setActive] = useState<Active>(null);
  const [done, setDone] = useState<string | null>(null);
  const [toRemove, setToRemove] = useState<PanelMember | null>(null);

  const refresh = () => queryClient.invalidateQueries({ queryKey: caseKeys.all(caseId) });
  const finish = async (message: string, focusKey: string) => {
    await refresh();
    setActive(null);
    setDone(message);
    focusAfterRender(focusKey);
  };
  const open = (next: Active) => {
    setDone(null);
    openScoring.reset();
    setActive(next);
  };
  const cancel = (focusKey: string) => {
    setActive(null);
    focusAfterRender(focusKey);
  };

  const remove = useMutation({
    mutationFn: (member: PanelMember) => call('panel.removeMember', { caseId, memberId: member.id }),
    onSuccess: (_value, member) =>
      finish(`${member.name} is removed from the panel.`, 'members-heading').then(() => setToRemove(null)),
  });
  const openScoring = useMutation({
    mutationFn: () => call('scoring.open', { caseId }),
    onSuccess: async () => {
      await refresh();
      setDone('Scoring is open. Each member signs in with their own PIN and scores on their own.');
    },
  });

  const members = panel.data ?? [];
  const me = members.find((m) => m.id === signedIn?.memberId);
  const scoringStage = progress.data?.stages.find((s) => s.name === 'scoring');

  return (
    <Page
      title="Panel"
      intro={
        <>
          <p>
            The people assessing this organisation: the lead assessor, Experts by Experience and any
            professional co-assessors.
          </p>
          <p>
            <strong>{SCORING_RULE}</strong>
          </p>
        </>
      }
      actions={
        isLead && active?.kind !== 'add' && beforeScoring ? (
          <Button variant="primary" data-focus-key="add-member" onPress={() => open({ kind: 'add' })}>
            Add a member
          </Button>
        ) : undefined
      }
    >
      {done && <StatusNotice tone="success">{done}</StatusNotice>}
      {panel.isError && <ErrorNotice title="The panel could not be shown" message={panel.error.message} />}

      {active?.kind === 'add' && (
        <div className="card panel-add">
          <AddMemberForm
            caseId={caseId}
            onCancel={() => cancel('add-member')}
            onDone={(message, member) => finish(message, member ? `member-${member.id}` : 'members-heading')}
          />
        </div>
      )}

      <section aria-labelledby="scoring-heading" className="panel-scoring">
        <h2 id="scoring-heading">Scoring</h2>
        {progress.data && (
          <p>
            {beforeScoring
              ? 'Scoring is not open yet. '
              : phase === 'scoring'
                ? 'Scoring is open. '
                : 'Scoring has finished. '}
            {!openScoring.isError && scoringStage?.explanation}
          </p>
        )}
        {isLead && beforeScoring && (
          <>
            <ActionButton
              label="Open scoring"
              pendingLabel="Opening scoring…"
              failedTitle="Scoring did not open"
              isPending={openScoring.isPending}
              error={openScoring.error}
              onPress={() => {
                setDone(null);
                openScoring.mutate();
              }}
            />
          </>
        )}
      </section>

      <section aria-labelledby="members-heading">
        <h2 id="members-heading" tabIndex={-1} data-focus-key="members-heading">
          Members{panel.data ? ` (${members.length})` : ''}
        </h2>
        {panel.isPending && <p role="status">Loading the panel…</p>}
        {panel.data && members.length === 0 && <p>Nobody is on the panel yet.</p>}
        <ul className="plain-list member-list">
          {members.map((member) => {
            const isSelf = member.id === signedIn?.memberId;
            const conflict = describeConflict(member.conflict);
            const activeHere =
              active && active.kind !== 'add' && active.memberId === member.id ? active.kind : null;
            const back = (key: string) => () => cancel(key);
            const after = (key: string) => (message: string) => finish(message, key);
            return (
              <li key={member.id} className="member">
                <article aria-labelledby={`member-${member.id}-name`}>
                  <h3
                    id={`member-${member.id}-name`}
                    className="member-name"
                    tabIndex={-1}
                    data-focus-key={`member-${member.id}`}
                  >
                    {member.name}
                    {isSelf && <span className="member-you"> (you)</span>}
                  </h3>
                  <dl className="facts member-facts">
                    <dt>Role</dt>
                    <dd>{ROLE_NAMES[member.role]}</dd>
                    <dt>Named on the certificate</dt>
                    <dd>
                      <span aria-hidden="true" className="mark">
                        {member.consentToBeNamed ? '✓' : '–'}
                      </span>
                      {member.consentToBeNamed ? 'Yes, agrees to be named' : 'No, will not be named'}
                    </dd>
                    <dt>PIN</dt>
                    <dd>
                      <span aria-hidden="true" className="mark">
                        {member.hasPin ? '✓' : '!'}
                      </span>
                      {member.hasPin ? 'Set' : 'Not set yet: they cannot sign in until it is'}
                    </dd>
                    <dt>Conflict of interest</dt>
                    <dd>
                      <span className="member-conflict">{conflict.headline}</span>
                      {conflict.detail.map((line) => (
                        <span key={line} className="member-conflict-detail">
                          {line}
                        </span>
                      ))}
                    </dd>
                    <dt>Score sheet</dt>
                    <dd>{describeSheet(member)}</dd>
                  </dl>
                  {!activeHere && (isLead || isSelf) && (
                    <div className="member-actions">
                      {isLead && (
                        <Button
                          data-focus-key={`edit-${member.id}`}
                          onPress={() => open({ kind: 'edit', memberId: member.id })}
                        >
                          Edit <span className="visually-hidden">{member.name}</span>
                        </Button>
                      )}
                      {(isLead || isSelf) && (
                        <Button
                          data-focus-key={`pin-${member.id}`}
                          onPress={() => open({ kind: 'pin', memberId: member.id })}
                        >
                          {isSelf ? (
                            'Change your PIN'
                          ) : (
                            <>
                              {member.hasPin ? 'Change the PIN' : 'Set a PIN'}{' '}
                              <span className="visually-hidden">for {member.name}</span>
                            </>
                          )}
                        </Button>
                      )}
                      {isLead && member.conflict.status === 'declared' && (
                        <Button
                          variant={member.conflict.decision ? 'secondary' : 'primary'}
                          data-focus-key={`decide-${member.id}`}
                          onPress={() => open({ kind: 'decide', memberId: member.id })}
                        >
                          {member.conflict.decision
                            ? 'Change the decision on the conflict'
                            : 'Decide on the conflict'}{' '}
                          <span className="visually-hidden">of {member.name}</span>
                        </Button>
                      )}
                      {isLead && !isSelf && beforeScoring && (
                        <Button
                          variant="danger"
                          onPress={() => {
                            remove.reset();
                            setDone(null);
                            setToRemove(member);
                          }}
                        >
                          Remove <span className="visually-hidden">{member.name}</span>
                        </Button>
                      )}
                    </div>
                  )}
                  {activeHere === 'edit' && (
                    <EditMemberForm
                      caseId={caseId}
                      member={member}
                      onCancel={back(`edit-${member.id}`)}
                      onDone={after(`edit-${member.id}`)}
                    />
                  )}
                  {activeHere === 'pin' && (
                    <PinForm
                      caseId={caseId}
                      member={member}
                      isSelf={isSelf}
                      onCancel={back(`pin-${member.id}`)}
                      onDone={after(`pin-${member.id}`)}
                    />
                  )}
                  {activeHere === 'decide' && (
                    <DecideConflictForm
                      caseId={caseId}
                      member={member}
                      onCancel={back(`decide-${member.id}`)}
                      onDone={after(`decide-${member.id}`)}
                    />
                  )}
                </article>
              </li>
            );
          })}
        </ul>
      </section>

      {me && (
        <section aria-labelledby="declaration-heading" className="card panel-declaration">
          <h2 id="declaration-heading" tabIndex={-1} data-focus-key="declaration-heading">
            Your conflicts of interest
          </h2>
          <p>
            Before scoring, every member says whether anything could affect how they judge this organisation.
            If you declare something, the lead assessor decides whether you can still score.
          </p>
          <p>
            <strong>What you have declared so far:</strong> {describeConflict(me.conflict).headline}.
          </p>
          <DeclarationForm
            key={`${me.conflict.status}-${'declaredAt' in me.conflict ? me.conflict.declaredAt : ''}`}
            caseId={caseId}
            member={me}
            onDone={(message) => finish(message, 'declaration-heading')}
          />
        </section>
      )}

      <ConfirmDialog
        isOpen={toRemove !== null}
        onOpenChange={(isOpen) => {
          if (!isOpen) setToRemove(null);
        }}
        title="Remove this member?"
        confirmLabel="Yes, remove them"
        pendingLabel="Removing…"
        variant="danger"
        isPending={remove.isPending}
        error={remove.error?.message}
        onConfirm={() => toRemove && remove.mutate(toRemove)}
      >
        <p>
          <strong>{toRemove?.name}</strong> ({toRemove ? ROLE_NAMES[toRemove.role] : ''}) will be taken off
          the panel. You can add them again before scoring opens.
        </p>
      </ConfirmDialog>
    </Page>
  );
}
