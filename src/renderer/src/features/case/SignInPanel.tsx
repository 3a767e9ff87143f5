import { useState, type ReactNode } from 'react';
import { Form } from 'react-aria-components';
import { ROLE_NAMES } from '../../../../shared/api';
import { useChange } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/feedback';
import { ChoiceGroup, SecretField } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { usePanel } from './useCase';

/**
 * "Who is using the app now?" Each member signs in with their own PIN on a shared computer.
 * `forgottenPin`: what to offer under the PIN for the chosen member (the panel room's reset from the member's own device).
 */
export function SignInPanel({
  caseId,
  organisationName,
  forgottenPin,
}: {
  caseId: string;
  organisationName?: string;
  forgottenPin?: (member: { id: string; name: string }) => ReactNode;
}) {
  const panel = usePanel(caseId);
  const [memberId, setMemberId] = useState<string | null>(null);
  const [pin, setPin] = useState('');
  // The PIN is cleared whatever the answer: a wrong one is not left for the next person to see.
  const signIn = useChange('panel.signIn', {
    onSuccess: () => setPin(''),
    // A wrong PIN is cleared; the PIN the lead gave is kept for choosing a new one.
    onError: (error) => {
      if (error.code !== 'NEW_PIN_NEEDED') setPin('');
    },
  });
  const members = (panel.data ?? []).filter((m) => m.hasPin);
  const chosen = members.find((m) => m.id === memberId);
  if (signIn.error?.code === 'NEW_PIN_NEEDED')
    return (
      <ChooseNewPin
        caseId={caseId}
        memberId={memberId ?? ''}
        pin={pin}
        why={signIn.error.message}
        onBack={() => {
          signIn.reset();
          setPin('');
        }}
      />
    );

  return (
    <Page
      title="Who is using the app now?"
      intro={
        <p>
          Choose your name and enter your PIN to work on the assessment
          {organisationName ? ` of ${organisationName}` : ''}.
        </p>
      }
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
          {chosen && forgottenPin?.(chosen)}
        </Form>
      )}
    </Page>
  );
}

/** After the lead reset their PIN, a member signs in by choosing a new PIN that only they know. */
function ChooseNewPin(props: {
  caseId: string;
  memberId: string;
  pin: string;
  why: string;
  onBack: () => void;
}) {
  const [newPin, setNewPin] = useState('');
  const choosePin = useChange('panel.choosePin', { onSuccess: () => setNewPin('') });
  return (
    <Page title="Choose a new PIN" intro={<p>{props.why}</p>}>
      <Form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          choosePin.mutate({ caseId: props.caseId, memberId: props.memberId, pin: props.pin, newPin });
        }}
      >
        <SecretField
          label="Your new PIN"
          description="4 to 8 digits, different from the PIN you were given."
          isRequired
          autoFocus
          inputMode="numeric"
          value={newPin}
          onChange={setNewPin}
        />
        {choosePin.isError && (
          <ErrorNotice title="Your new PIN is not saved" message={choosePin.error.message} />
        )}
        <Button type="submit" variant="primary" isPending={choosePin.isPending}>
          Save my new PIN and sign in
        </Button>
        <Button onPress={props.onBack}>Back</Button>
      </Form>
    </Page>
  );
}
