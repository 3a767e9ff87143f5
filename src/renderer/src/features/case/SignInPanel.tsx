import { useState } from 'react';
import { Form } from 'react-aria-components';
import { ROLE_NAMES } from '../../../../shared/api';
import { useChange } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/feedback';
import { ChoiceGroup, SecretField } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { usePanel } from './useCase';

/** "Who is using the app now?" Each member signs in with their own PIN on a shared computer. */
export function SignInPanel({ caseId, organisationName }: { caseId: string; organisationName: string }) {
  const panel = usePanel(caseId);
  const [memberId, setMemberId] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  // The PIN is cleared whatever the answer: a wrong one is not left for the next person to see.
  const signIn = useChange('panel.signIn', { onSuccess: () => setPin(''), onError: () => setPin('') });
  const members = (panel.data ?? []).filter((m) => m.hasPin);

  return (
    <Page
      title="Who is using the app now?"
      intro={<p>Choose your name and enter your PIN to work on the assessment of {organisationName}.</p>}
    >
      {panel.isError && <ErrorNotice message={panel.error.message} />}
      {panel.data && members.length === 0 && <p>No panel member has a PIN yet. Ask the lead assessor.</p>}
      {members.length > 0 && (
        <Form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            signIn.mutate({ caseId, memberId: memberId ?? '', pin });
          }}
        >
          <ChoiceGroup
            label="Your name"
            isRequired
            choices={members.map((m) => ({ value: m.id, label: m.name, description: ROLE_NAMES[m.role] }))}
            value={memberId}
            onChange={setMemberId}
          />
          <SecretField label="PIN" isRequired inputMode="numeric" value={pin} onChange={setPin} />
          {signIn.isError && <ErrorNotice title="You are not signed in" message={signIn.error.message} />}
          <Button type="submit" variant="primary" isDisabled={!memberId} isPending={signIn.isPending}>
            Sign in
          </Button>
        </Form>
      )}
    </Page>
  );
}
