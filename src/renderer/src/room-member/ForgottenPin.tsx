import { useEffect, useState } from 'react';
import { Form } from 'react-aria-components';
import type { PinResetAnswer } from '../../../shared/api';
import { Button } from '../ui/Button';
import { ErrorNotice, StatusNotice } from '../ui/feedback';
import { SecretField } from '../ui/fields';
import { Page } from '../ui/Page';
import type { RoomMemberConnection } from './connection';

/** How often a waiting device asks whether the lead has answered. */
const ASK_EVERY_MS = 3_000;

export interface ForgettingMember {
  id: string;
  name: string;
}

/**
 * Under the PIN, for the chosen member: on the device that holds the room's secret for them, a way
 * to ask for a new PIN; on any other device, why it cannot be done here and who to ask.
 */
export function ForgottenPinOffer({
  connection,
  member,
  onAsk,
}: {
  connection: RoomMemberConnection;
  member: ForgettingMember;
  onAsk: () => void;
}) {
  if (connection.holdsSecretFor(member.id)) {
    return (
      <Button variant="link" onPress={onAsk}>
        Forgotten your PIN?
      </Button>
    );
  }
  return (
    <p className="room-member-forgotten">
      Forgotten your PIN? Ask the lead assessor. A new PIN can be chosen only on the device you last signed in
      on in this room: once you have saved scores, nobody else may sign in as you, so your scores stay yours.
    </p>
  );
}

type Stage =
  | { kind: 'ask' }
  | { kind: 'waiting'; until: string | null }
  | { kind: 'choose' }
  | { kind: 'refused'; reason: string | null }
  | { kind: 'expired' };

/** A member who forgot their PIN asks, from their own device, waits for the lead, then chooses a new one here. */
export function ForgottenPin({
  connection,
  member,
  onBack,
}: {
  connection: RoomMemberConnection;
  member: ForgettingMember;
  onBack: () => void;
}) {
  const [stage, setStage] = useState<Stage>({ kind: 'ask' });
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  const follow = (answer: PinResetAnswer) => {
    if (answer.status === 'waiting') setStage({ kind: 'waiting', until: answer.expiresAt });
    else if (answer.status === 'confirmed') setStage({ kind: 'choose' });
    else if (answer.status === 'refused') setStage({ kind: 'refused', reason: answer.reason });
    else setStage({ kind: 'expired' });
  };

  const run = async (step: 'request' | 'status') => {
    setPending(true);
    const result = await connection.pinReset(member.id, step);
    setPending(false);
    if (result.ok) {
      setError(null);
      follow(result.value as PinResetAnswer);
    } else setError(result.error.message);
  };

  const waiting = stage.kind === 'waiting';
  useEffect(() => {
    if (!waiting) return undefined;
    const timer = setInterval(() => {
      void connection.pinReset(member.id, 'status').then((result) => {
        if (result.ok) follow(result.value as PinResetAnswer);
      });
    }, ASK_EVERY_MS);
    return () => clearInterval(timer);
  }, [waiting, connection, member.id]);

  const back = <Button onPress={onBack}>Back to signing in</Button>;

  switch (stage.kind) {
    case 'ask':
      return (
        <Page
          title="Forgotten your PIN?"
          intro={
            <p>
              {member.name}, you can choose a new PIN on this device once the lead assessor confirms it is
              you. The lead never sees your new PIN.
            </p>
          }
        >
          {error && <ErrorNotice title="Your request was not sent" message={error} />}
          <div className="room-member-actions">
            <Button variant="primary" isPending={pending} onPress={() => void run('request')}>
              Ask the lead assessor
            </Button>
            {back}
          </div>
        </Page>
      );
    case 'waiting':
      return (
        <Page title="Waiting for the lead assessor to confirm">
          <StatusNotice>
            Your request has been sent. Tell the lead assessor it is you: they confirm it on their screen.
            This page moves on by itself.
          </StatusNotice>
          {error && <ErrorNotice title="The room could not be asked" message={error} />}
          {back}
        </Page>
      );
    case 'choose':
      return <ChoosePinHere connection={connection} member={member} />;
    case 'refused':
      return (
        <Page title="The lead assessor said no">
          <StatusNotice>
            {stage.reason ? `Their reason: ${stage.reason}` : 'Speak to the lead assessor.'}
          </StatusNotice>
          {back}
        </Page>
      );
    case 'expired':
      return (
        <Page title="Your request ran out of time">
          <StatusNotice>The lead assessor did not confirm within 10 minutes. You can ask again.</StatusNotice>
          <div className="room-member-actions">
            <Button variant="primary" isPending={pending} onPress={() => void run('request')}>
              Ask again
            </Button>
            {back}
          </div>
        </Page>
      );
  }
}

/** After the lead confirmed: the new PIN, chosen on this device, proved by its secret; then signed in. */
function ChoosePinHere({
  connection,
  member,
}: {
  connection: RoomMemberConnection;
  member: ForgettingMember;
}) {
  const [newPin, setNewPin] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const choose = async () => {
    setPending(true);
    const result = await connection.pinReset(member.id, 'choose', newPin);
    setPending(false);
    setNewPin('');
    // Signed in: the room's answer takes this device on to the member's pages.
    if (!result.ok) setError(result.error.message);
  };
  return (
    <Page
      title="Choose a new PIN"
      intro={<p>The lead assessor confirmed it is you. Choose a new PIN: only you will know it.</p>}
    >
      <Form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void choose();
        }}
      >
        <SecretField
          label="Your new PIN"
          description="4 to 8 digits."
          isRequired
          autoFocus
          inputMode="numeric"
          value={newPin}
          onChange={setNewPin}
        />
        {error && <ErrorNotice title="Your new PIN is not saved" message={error} />}
        <Button type="submit" variant="primary" isPending={pending}>
          Save my new PIN and sign in
        </Button>
      </Form>
    </Page>
  );
}
