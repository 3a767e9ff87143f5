import { useState } from 'react';
import { ROLE_NAMES, type Assessor, type CaseSchemeLink, type MemberRole } from '../../../../shared/api';
import { useChange, useRead } from '../../app/operations';
import { useNavigation } from '../../app/navigation';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { ChoiceGroup } from '../../ui/fields';
import { TRAINING_LABELS } from './trainingWords';
import './scheme.css';

/**
 * On the Panel screen: the scheme file this case belongs to, the panel's training as that scheme
 * file records it (only when it is open here; said so otherwise), linking the case, and adding a
 * member from the scheme's directory without retyping.
 */
export function PanelTraining({
  caseId,
  isLead,
  beforeScoring,
}: {
  caseId: string;
  isLead: boolean;
  beforeScoring: boolean;
}) {
  const link = useRead('scheme.caseLink', { caseId });
  const linkCase = useChange('scheme.linkCase');
  const { go } = useNavigation();
  const toSchemeOffice = (
    <Button onPress={() => go({ name: 'scheme', section: 'assessors' })}>Go to the scheme office</Button>
  );
  if (!link.data) return link.isError ? <ErrorNotice message={link.error.message} /> : null;
  const { schemeId, openScheme, linkedSchemeOpen, policy, members } = link.data;
  const warnings = members.flatMap((member) => (member.warning ? [member.warning] : []));
  return (
    <section aria-labelledby="panel-training-heading">
      <h2 id="panel-training-heading">Training</h2>
      {!schemeId && (
        <>
          <p>This case is not linked to a scheme file, so the panel’s training is not checked.</p>
          {openScheme && isLead ? (
            <Button onPress={() => linkCase.mutate({ caseId, link: true })} isPending={linkCase.isPending}>
              Link this case to {openScheme.schemeName}
            </Button>
          ) : (
            <p>To link it, open the scheme file in the scheme office first. {toSchemeOffice}</p>
          )}
        </>
      )}
      {schemeId && !linkedSchemeOpen && (
        <p>
          The panel’s training cannot be checked here: this case’s scheme file is not open in the app. Open it
          in the scheme office to see who is trained. {toSchemeOffice}
        </p>
      )}
      {schemeId && linkedSchemeOpen && (
        <>
          <p>Linked to {openScheme?.schemeName}.</p>
          {warnings.length === 0 ? (
            <StatusNotice tone="success">
              Everyone who scores on this panel is trained and up to date.
            </StatusNotice>
          ) : (
            <div className="notice notice-warning" role="note" aria-label="Training warnings">
              <p className="notice-title">
                {policy === 'block'
                  ? 'Scoring cannot open until everyone who scores is trained and up to date'
                  : 'Before scoring opens, you will be asked why the panel goes ahead'}
              </p>
              <ul>
                {warnings.map((warning) => (
                  <li key={warning}>{warning}</li>
                ))}
              </ul>
            </div>
          )}
          <LeadDirectoryLink caseId={caseId} isLead={isLead} members={members} />
          {isLead && beforeScoring && <AddFromDirectory caseId={caseId} />}
        </>
      )}
      {linkCase.error && <ErrorNotice title="The case was not linked" message={linkCase.error.message} />}
    </section>
  );
}

/**
 * The lead is made by `case.create`, not picked from the directory: this shows whether the lead is
 * linked to their directory entry and lets the lead link themself (their own entry only, checked in
 * src/main).
 */
function LeadDirectoryLink({
  caseId,
  isLead,
  members,
}: {
  caseId: string;
  isLead: boolean;
  members: CaseSchemeLink['members'];
}) {
  const lead = members.find((member) => member.role === 'lead');
  const assessors = useRead('scheme.assessors', {}, { enabled: isLead && !lead?.directoryId });
  const [assessorId, setAssessorId] = useState<string | null>(null);
  const linkLead = useChange('scheme.linkLead');
  if (!lead) return null;
  if (lead.directoryId)
    return (
      <p>
        The lead assessor, {lead.name}, is linked to their entry in the scheme’s assessor directory
        {lead.training ? `: ${TRAINING_LABELS[lead.training.state].toLowerCase()}.` : '.'}
      </p>
    );
  const leads = (assessors.data ?? []).filter((entry) => entry.roles.includes('lead'));
  return (
    <div className="card">
      <h3>The lead assessor and the directory</h3>
      <p>
        {lead.name}, the lead assessor, is not linked to an entry in the scheme’s assessor directory, so their
        training is not known.
      </p>
      {isLead && leads.length === 0 && assessors.data && (
        <p>
          The directory has no lead assessor yet. Add yourself as a lead assessor in the scheme office, then
          link yourself here.
        </p>
      )}
      {isLead && leads.length > 0 && (
        <>
          <ChoiceGroup
            label="Your entry in the directory"
            description="You can link only your own entry: its name must be the same as yours on this panel."
            choices={leads.map((entry) => ({ value: entry.id, label: entry.name }))}
            value={assessorId}
            onChange={setAssessorId}
          />
          {linkLead.error && <ErrorNotice title="You were not linked" message={linkLead.error.message} />}
          <Button
            isDisabled={!assessorId}
            isPending={linkLead.isPending}
            onPress={() => assessorId && linkLead.mutate({ caseId, assessorId })}
          >
            Link me to this entry
          </Button>
        </>
      )}
    </div>
  );
}

const DIRECTORY_ROLES: Record<Assessor['roles'][number], MemberRole> = {
  lead: 'lead',
  assessor: 'assessor',
  co_assessor: 'co_assessor',
};

/** Pick a person from the scheme's directory and the role they take on this panel. */
function AddFromDirectory({ caseId }: { caseId: string }) {
  const assessors = useRead('scheme.assessors', {});
  const [assessorId, setAssessorId] = useState<string | null>(null);
  const [role, setRole] = useState<MemberRole | null>(null);
  const [added, setAdded] = useState<string | undefined>();
  const add = useChange('scheme.addMemberFromDirectory', {
    onSuccess: (member) => {
      setAdded(`${member.name} was added to the panel from the directory.`);
      setAssessorId(null);
      setRole(null);
    },
  });
  const chosen = assessors.data?.find((a) => a.id === assessorId);
  if (!assessors.data || assessors.data.length === 0) return null;
  return (
    <div className="card">
      <h3>Add a member from the directory</h3>
      <ChoiceGroup
        label="Who"
        choices={assessors.data.map((a) => ({ value: a.id, label: a.name }))}
        value={assessorId}
        onChange={(value) => {
          setAdded(undefined);
          setAssessorId(value);
          setRole(null);
        }}
      />
      {chosen && (
        <ChoiceGroup
          label={`${chosen.name}’s role on this panel`}
          choices={[...chosen.roles.map((r) => DIRECTORY_ROLES[r]), 'observer' as const].map((r) => ({
            value: r,
            label: ROLE_NAMES[r],
          }))}
          value={role}
          onChange={setRole}
        />
      )}
      {add.error && <ErrorNotice title="The member was not added" message={add.error.message} />}
      {added && <StatusNotice tone="success">{added}</StatusNotice>}
      <Button
        variant="primary"
        isDisabled={!chosen || !role}
        isPending={add.isPending}
        onPress={() => chosen && role && add.mutate({ caseId, assessorId: chosen.id, role })}
      >
        Add to the panel
      </Button>
    </div>
  );
}
