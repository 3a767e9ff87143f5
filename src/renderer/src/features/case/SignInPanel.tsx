import { useState, type ReactNode } from 'react';
import { Form } from 'react-aria-components';
import { ROLE_NAMES } from '../../../../shared/api';
import { useChange, useRead } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/feedback';
import { ChoiceGroup, SecretField } from '../../ui/fields';
import { Page } from '../../ui/Page';

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
  // Only what choosing a name needs: names, roles and where each PIN stands (no one's progress).
  const panel = useRead('panel.signInChoices', { caseId });
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
  const members = (panel.data ?? []).filter((m) => m.pin !== 'not_set');
  const withoutPin = (panel.data ?? []).filter((m) => m.pin === 'not_set');
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
      {withoutPin.length > 0 && (
        <section aria-labelledby="no-pin-yet" className="sign-in-no-pin">
          <h2 id="no-pin-yet">No PIN yet</h2>
          <p>These members cannot sign in until they have one: ask the lead assessor to set one.</p>
          <ul>
            {withoutPin.map((m) => (
              <li key={m.id}>
                {m.name} ({ROLE_NAMES[m.role]}) — No PIN yet: ask the lead assessor to set one
              </li>
            ))}
          </ul>
        </section>
      )}
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
            choices={members.map((m) => ({
              value: m.id,
              label: m.name,
              description:
                m.pin === 'to_choose'
                  ? `${ROLE_NAMES[m.role]}. First sign-in: you choose your own PIN`
                  : ROLE_NAMES[m.role],
            }))}
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

/**
 * A PIN the lead typed (a first PIN or a reset) works once: the member signs in by choosing their
 * own, which only they know.
 */
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
    <Page title="Choose your own PIN" intro={<p>{props.why}</p>}>
      <Form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          choosePin.mutate({ caseId: props.caseId, memberId: props.memberId, pin: props.pin, newPin });
        }}
      >
        <SecretField
          label="Your own PIN"
          description="4 to 8 digits, different from the PIN the lead assessor typed."
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
          Save my PIN and sign in
        </Button>
        <Button onPress={props.onBack}>Back</Button>
      </Form>
    </Page>
  );
}
