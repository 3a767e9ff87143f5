import { useState } from 'react';
import { ROLE_NAMES, type Assessor, type MemberRole } from '../../../../shared/api';
import { useChange, useRead } from '../../app/operations';
import { useNavigation } from '../../app/navigation';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { ChoiceGroup } from '../../ui/fields';
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
          {isLead && beforeScoring && <AddFromDirectory caseId={caseId} />}
        </>
      )}
      {linkCase.error && <ErrorNotice title="The case was not linked" message={linkCase.error.message} />}
    </section>
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
