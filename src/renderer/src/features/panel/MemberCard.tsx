import { ROLE_NAMES, type PanelMember } from '../../../../shared/api';
import { Button } from '../../ui/Button';
import { DecideConflictForm, EditMemberForm, PinForm } from './MemberForms';
import type { PanelForm } from './usePanelSection';
import { describeConflict, describeSheet } from './panelWords';

type MemberFormKind = Exclude<PanelForm, { kind: 'add' } | null>['kind'];

/** One member of the panel: who they are, where they stand, and what the person asking may do. */
export function MemberCard({
  caseId,
  member,
  isSelf,
  isLead,
  beforeScoring,
  openForm,
  onOpenForm,
  onRemove,
  onCancel,
  onDone,
}: {
  caseId: string;
  member: PanelMember;
  isSelf: boolean;
  isLead: boolean;
  beforeScoring: boolean;
  /** The form open on this member, if any. */
  openForm: MemberFormKind | null;
  onOpenForm: (kind: MemberFormKind) => void;
  onRemove: () => void;
  /** The form was left; focus goes back to the element with this key. */
  onCancel: (focusKey: string) => void;
  /** The form saved: say this, and focus the element with this key. */
  onDone: (message: string, focusKey: string) => void;
}) {
  const formProps = (focusKey: string) => ({
    caseId,
    member,
    onCancel: () => onCancel(focusKey),
    onDone: (message: string) => onDone(message, focusKey),
  });
  return (
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
      <MemberFacts member={member} />
      {!openForm && (isLead || isSelf) && (
        <MemberActions
          member={member}
          isSelf={isSelf}
          isLead={isLead}
          canRemove={isLead && !isSelf && beforeScoring}
          onOpenForm={onOpenForm}
          onRemove={onRemove}
        />
      )}
      {openForm === 'edit' && (
        <EditMemberForm {...formProps(`edit-${member.id}`)} reasonNeeded={!beforeScoring} />
      )}
      {openForm === 'pin' && (
        <PinForm
          {...formProps(`pin-${member.id}`)}
          isSelf={isSelf}
          // A first PIN is not a reset: the member has saved nothing under a PIN of their own.
          reasonNeeded={!beforeScoring && !isSelf && member.hasPin}
        />
      )}
      {openForm === 'decide' && <DecideConflictForm {...formProps(`decide-${member.id}`)} />}
    </article>
  );
}

/** Role, consent to be named, PIN, conflict of interest and score sheet progress, each in words. */
function MemberFacts({ member }: { member: PanelMember }) {
  const conflict = describeConflict(member.conflict);
  return (
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
        {!member.hasPin
          ? 'Not set yet: they cannot sign in until it is'
          : member.pinToChoose
            ? 'One-time PIN not used yet: the lead assessor set it, and it works once, for them to choose their own'
            : 'Their own'}
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
  );
}

/** The lead may edit anyone, set PINs and decide conflicts; a member may change their own PIN. */
function MemberActions({
  member,
  isSelf,
  isLead,
  canRemove,
  onOpenForm,
  onRemove,
}: {
  member: PanelMember;
  isSelf: boolean;
  isLead: boolean;
  canRemove: boolean;
  onOpenForm: (kind: MemberFormKind) => void;
  onRemove: () => void;
}) {
  const conflict = member.conflict;
  return (
    <div className="member-actions">
      {isLead && (
        <Button data-focus-key={`edit-${member.id}`} onPress={() => onOpenForm('edit')}>
          Edit <span className="visually-hidden">{member.name}</span>
        </Button>
      )}
      <Button data-focus-key={`pin-${member.id}`} onPress={() => onOpenForm('pin')}>
        {isSelf ? (
          'Change your PIN'
        ) : (
          <>
            {member.hasPin ? 'Change the PIN' : 'Set a PIN'}{' '}
            <span className="visually-hidden">for {member.name}</span>
          </>
        )}
      </Button>
      {isLead && conflict.status === 'declared' && (
        <Button
          variant={conflict.decision ? 'secondary' : 'primary'}
          data-focus-key={`decide-${member.id}`}
          onPress={() => onOpenForm('decide')}
        >
          {conflict.decision ? 'Change the decision on the conflict' : 'Decide on the conflict'}{' '}
          <span className="visually-hidden">of {member.name}</span>
        </Button>
      )}
      {canRemove && (
        <Button variant="danger" onPress={onRemove}>
          Remove <span className="visually-hidden">{member.name}</span>
        </Button>
      )}
    </div>
  );
}
