import { useState } from 'react';
import { Form } from 'react-aria-components';
import type { AssessorIdentity, PanelMember } from '../../../../shared/api';
import { useChange, useRead } from '../../app/operations';
import { useNavigation } from '../../app/navigation';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { ChoiceGroup, SecretField } from '../../ui/fields';
import { formatDate } from '../../ui/format';
import { sameName } from '../../../../shared/names';
import { usePanel, useSignedIn } from '../case/useCase';

/** Who may co-sign: the panel's Experts by Experience, leaving out anyone excluded for a conflict of interest. */
function coSignersOf(panel: PanelMember[]): PanelMember[] {
  return panel.filter(
    (member) =>
      member.role === 'assessor' &&
      !(member.conflict.status === 'declared' && member.conflict.decision?.outcome === 'excluded'),
  );
}

/** The lead signs (naming the co-signer), or an Expert by Experience co-signs, with a signing identity. */
export function SignPanel({ caseId, mode }: { caseId: string; mode: 'sign' | 'co-sign' }) {
  const { go } = useNavigation();
  const signedIn = useSignedIn(caseId);
  // Each person signs with their own identity (main refuses any other), so only theirs are offered.
  const identities = useRead('identity.list', {}, { enabled: signedIn !== null });
  const own = (identities.data ?? []).filter(
    (identity) => signedIn && sameName(identity.name, signedIn.name),
  );
  const coSigners = coSignersOf(usePanel(caseId).data ?? []);
  const [chosenIdentity, setIdentityId] = useState<string | null>(null);
  const identityId = chosenIdentity ?? (own.length === 1 ? own[0]!.id : null);
  const [password, setPassword] = useState('');
  // The lead names the Expert by Experience who will co-sign: their name is printed on the certificate if they agreed.
  const [chosenCoSigner, setCoSigner] = useState<string | null>(null);
  const coSignerMemberId = chosenCoSigner ?? (coSigners.length === 1 ? coSigners[0]!.id : null);
  const sign = useChange('certificate.sign', { onSuccess: () => setPassword('') });
  const coSign = useChange('certificate.coSign', { onSuccess: () => setPassword('') });
  const signing = mode === 'sign' ? sign : coSign;
  const submit = () => {
    const identity = { caseId, identityId: identityId ?? '', identityPassword: password };
    if (mode === 'sign') sign.mutate({ ...identity, ...(coSignerMemberId ? { coSignerMemberId } : {}) });
    else coSign.mutate(identity);
  };
  return (
    <section aria-labelledby="sign-heading" className="card">
      <h2 id="sign-heading">
        {mode === 'sign' ? 'Sign as lead assessor' : 'Co-sign as an Expert by Experience'}
      </h2>
      <p>
        {mode === 'sign'
          ? 'Your digital signature shows the certificate and report come from the scheme and have not been changed.'
          : 'Your co-signature completes the certificate. Once you sign, it is issued.'}{' '}
        Your signature carries your name, even if you asked not to be named on the certificate itself.
      </p>
      {identities.data && own.length === 0 && (
        <div className="notice">
          <p>
            No signing identity for {signedIn?.name} is set up on this computer yet. Import the file the
            scheme gave you in Settings.
          </p>
          <Button variant="link" onPress={() => go({ name: 'settings' })}>
            Go to Settings
          </Button>
        </div>
      )}
      {own.length > 0 && (
        <Form
          className="form"
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <IdentityChoice identities={own} value={identityId} onChange={setIdentityId} />
          {mode === 'sign' && coSigners.length > 1 && (
            <CoSignerChoice coSigners={coSigners} value={coSignerMemberId} onChange={setCoSigner} />
          )}
          <SecretField label="Identity password" isRequired value={password} onChange={setPassword} />
          {signing.isError && <ErrorNotice title="Not signed" message={signing.error.message} />}
          {signing.isPending && <StatusNotice>Signing… this takes a few seconds.</StatusNotice>}
          <Button
            type="submit"
            variant="primary"
            isDisabled={!identityId || (mode === 'sign' && !coSignerMemberId)}
            isPending={signing.isPending}
            pendingLabel="Signing…"
          >
            {mode === 'sign' ? 'Sign the certificate' : 'Co-sign the certificate'}
          </Button>
        </Form>
      )}
    </section>
  );
}

function IdentityChoice({
  identities,
  value,
  onChange,
}: {
  identities: AssessorIdentity[];
  value: string | null;
  onChange: (identityId: string) => void;
}) {
  return (
    <ChoiceGroup
      label="Your signing identity"
      isRequired
      choices={identities.map((identity) => ({
        value: identity.id,
        label: identity.name,
        description: `${identity.role} · valid until ${formatDate(identity.validTo)}`,
      }))}
      value={value}
      onChange={onChange}
    />
  );
}

function CoSignerChoice({
  coSigners,
  value,
  onChange,
}: {
  coSigners: PanelMember[];
  value: string | null;
  onChange: (memberId: string) => void;
}) {
  return (
    <ChoiceGroup
      label="Who will co-sign"
      description="Their name is printed on the certificate if they agreed to be named, and then only they can co-sign."
      isRequired
      choices={coSigners.map((member) => ({
        value: member.id,
        label: member.name,
        description: member.consentToBeNamed
          ? 'Agreed to be named on the certificate'
          : 'Not named on the certificate',
      }))}
      value={value}
      onChange={onChange}
    />
  );
}
