import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useChange, useRead, useReadOnDemand } from '../../app/operations';
import { useNavigation } from '../../app/navigation';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { SecretField, TextField } from '../../ui/fields';
import { serverFieldErrors } from '../../ui/formSupport';
import { Page } from '../../ui/Page';
import { useDebounced } from '../../ui/useDebounced';
import { showOpenedCase } from './openedCase';

const STRENGTH_WORDS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'];

/** Suggests a file name from the organisation's name: "Riverside Mind" → "Riverside Mind assessment". */
function suggestedFileName(organisation: string): string {
  const cleaned = organisation
    .replace(/[/\\:*?"<>|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned ? `${cleaned} assessment` : '';
}

/** The new case as it is being filled in, and creating it (then going straight to it). */
function useNewCase() {
  const { go } = useNavigation();
  const [organisationName, setOrganisationName] = useState('');
  const [typedFileName, setFileName] = useState<string | null>(null);
  const [leadName, setLeadName] = useState('');
  const [leadPin, setLeadPin] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [passphraseAgain, setPassphraseAgain] = useState('');
  const create = useChange('case.create', {
    writeReads: showOpenedCase,
    onSuccess: (opened) => go({ name: 'case', caseId: opened.caseId, section: 'overview' }),
  });
  const fileName = typedFileName ?? suggestedFileName(organisationName);
  return {
    organisationName,
    setOrganisationName,
    fileName,
    setFileName,
    leadName,
    setLeadName,
    leadPin,
    setLeadPin,
    passphrase,
    setPassphrase,
    passphraseAgain,
    setPassphraseAgain,
    mismatch: passphraseAgain.length > 0 && passphraseAgain !== passphrase,
    create,
    fieldErrors: serverFieldErrors(create.error),
    submit: () => create.mutate({ organisationName, fileName, leadName, leadPin, passphrase }),
  };
}

export function NewCaseScreen() {
  const { go } = useNavigation();
  const form = useNewCase();
  const { create, fieldErrors } = form;
  return (
    <Page
      title="Start a new assessment"
      intro={
        <p>
          Everything about this assessment will be kept in one encrypted case file. Only people who know its
          passphrase can open it.
        </p>
      }
      actions={<Button onPress={() => go({ name: 'start' })}>Back to the start</Button>}
    >
      <Form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          if (!form.mismatch) form.submit();
        }}
      >
        <h2>The organisation</h2>
        <TextField
          label="Organisation’s name"
          isRequired
          value={form.organisationName}
          onChange={form.setOrganisationName}
          errorMessage={fieldErrors.organisationName}
        />
        <TextField
          label="Case file name"
          description="The name of the file in your Coproduction Panel folder. You can keep the suggestion."
          value={form.fileName}
          onChange={form.setFileName}
          isRequired
          errorMessage={fieldErrors.fileName}
        />

        <h2>You, the lead assessor</h2>
        <TextField
          label="Your name"
          isRequired
          value={form.leadName}
          onChange={form.setLeadName}
          autoComplete="name"
          errorMessage={fieldErrors.leadName}
        />
        <SecretField
          label="Your PIN"
          description="4 to 8 digits. You will use it to sign in to this case on a shared computer."
          isRequired
          inputMode="numeric"
          value={form.leadPin}
          onChange={form.setLeadPin}
          errorMessage={fieldErrors.leadPin}
        />

        <PassphraseFields form={form} />

        {create.isError && (
          <ErrorNotice title="The case file was not created" message={create.error.message} />
        )}
        {create.isPending && <StatusNotice>Creating and encrypting the case file…</StatusNotice>}
        <Button type="submit" variant="primary" isPending={create.isPending} pendingLabel="Creating…">
          Create the case file
        </Button>
      </Form>
    </Page>
  );
}

/** The passphrase, typed twice or suggested by the app, with how strong it is as the person types. */
function PassphraseFields({ form }: { form: ReturnType<typeof useNewCase> }) {
  const suggest = useReadOnDemand('case.suggestPassphrase', {
    onSuccess: ({ passphrase }) => {
      form.setPassphrase(passphrase);
      form.setPassphraseAgain(passphrase);
    },
  });
  return (
    <>
      <h2>The passphrase</h2>
      <p>
        Choose a passphrase of several words, or let the app suggest one. Write it down and keep it somewhere
        safe: without it, nobody — not even the scheme team — can open this case file.
      </p>
      <Button onPress={() => suggest.mutate({})} isPending={suggest.isPending}>
        Suggest a passphrase
      </Button>
      <SecretField
        label="Passphrase"
        isRequired
        value={form.passphrase}
        onChange={form.setPassphrase}
        errorMessage={form.fieldErrors.passphrase}
      />
      <PassphraseStrength passphrase={form.passphrase} />
      <SecretField
        label="Passphrase again"
        isRequired
        value={form.passphraseAgain}
        onChange={form.setPassphraseAgain}
        errorMessage={form.mismatch ? 'The two passphrases are not the same.' : undefined}
      />
    </>
  );
}

/** How strong the passphrase is, checked once typing pauses, said in words beside a meter. */
function PassphraseStrength({ passphrase }: { passphrase: string }) {
  const settled = useDebounced(passphrase, 250);
  const strength = useRead('case.checkPassphrase', { passphrase: settled }, { enabled: settled.length > 0 });
  if (!strength.data || passphrase.length === 0) return null;
  return (
    <div className="strength" aria-live="polite">
      <meter
        className="strength-meter"
        min={0}
        max={4}
        low={2}
        high={3}
        optimum={4}
        value={strength.data.score}
        aria-label="Passphrase strength"
      />
      <p>
        <strong>{STRENGTH_WORDS[strength.data.score] ?? 'Unknown'}.</strong>{' '}
        {strength.data.acceptable ? 'This passphrase is strong enough.' : strength.data.reason}
      </p>
    </div>
  );
}
