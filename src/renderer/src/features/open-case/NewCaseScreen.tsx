import { useState } from 'react';
import {
  caseFileName,
  organisationName as organisationNameField,
  personName,
  textLimit,
} from '../../../../shared/api';
import { useChange, useRead, useReadOnDemand } from '../../app/operations';
import { useNavigation } from '../../app/navigation';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { SecretField, TextField } from '../../ui/fields';
import { CheckedForm } from '../../ui/CheckedForm';
import { refusalInWords } from '../../ui/formSupport';
import { Page } from '../../ui/Page';
import { useDebounced } from '../../ui/useDebounced';
import { useFieldChecks } from '../../ui/useFieldChecks';
import { showOpenedCase } from './openedCase';
import { suggestedFileName } from './suggested-file-name';

const FIELD_LABELS: Record<string, string> = {
  organisationName: 'Organisation’s name',
  fileName: 'Case file name',
  leadName: 'Your name',
  leadPin: 'Your PIN',
  passphrase: 'Passphrase',
};

/** The new case as it is being filled in, and creating it (then going straight to it). */
function useNewCase() {
  const { go } = useNavigation();
  const checks = useFieldChecks();
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
  /** A field changed: keep it, and forget the problem it had. */
  const changing =
    <T,>(key: string, set: (value: T) => void) =>
    (value: T) => {
      checks.clear(key);
      set(value);
    };
  const mismatch = passphraseAgain.length > 0 && passphraseAgain !== passphrase;
  return {
    organisationName,
    setOrganisationName: changing('organisationName', setOrganisationName),
    fileName,
    setFileName: changing('fileName', setFileName),
    leadName,
    setLeadName: changing('leadName', setLeadName),
    leadPin,
    setLeadPin: changing('leadPin', setLeadPin),
    passphrase,
    setPassphrase: changing('passphrase', setPassphrase),
    passphraseAgain,
    setPassphraseAgain,
    mismatch,
    checks,
    create,
    fieldErrors: checks.errors(create.error),
    check: (): Record<string, string> =>
      mismatch ? { passphraseAgain: 'The two passphrases are not the same.' } : {},
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
      <CheckedForm checks={form.checks} check={form.check} send={form.submit} change={create}>
        <h2>The organisation</h2>
        <TextField
          label="Organisation’s name"
          isRequired
          maxLength={textLimit(organisationNameField)}
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
          maxLength={textLimit(caseFileName)}
          errorMessage={fieldErrors.fileName}
        />

        <h2>You, the lead assessor</h2>
        <TextField
          label="Your name"
          isRequired
          maxLength={textLimit(personName)}
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
          maxLength={8}
          value={form.leadPin}
          onChange={form.setLeadPin}
          errorMessage={fieldErrors.leadPin}
        />

        <PassphraseFields form={form} />

        <Refusal error={create.error} fieldErrors={fieldErrors} />
        {create.isPending && <StatusNotice>Creating and encrypting the case file…</StatusNotice>}
        <Button type="submit" variant="primary" isPending={create.isPending} pendingLabel="Creating…">
          Create the case file
        </Button>
      </CheckedForm>
    </Page>
  );
}

/** Why the case file was not created, naming the fields by their labels; gone once they are all changed. */
function Refusal({ error, fieldErrors }: { error: unknown; fieldErrors: Record<string, string> }) {
  const words = error ? refusalInWords(error, fieldErrors, FIELD_LABELS) : '';
  return words ? <ErrorNotice title="The case file was not created" message={words} /> : null;
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
      <PassphraseStrength
        passphrase={form.passphrase}
        relatedWords={[form.organisationName, form.leadName].filter((w) => w.trim() !== '')}
      />
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

/**
 * How strong the passphrase is (for a case file or a scheme file), checked once typing pauses, said in words beside a meter. The words
 * come from the rule that creating the case applies (the same check, with the same names counting
 * against it), so the meter never calls strong a passphrase that is then refused.
 */
export function PassphraseStrength({
  passphrase,
  relatedWords,
}: {
  passphrase: string;
  relatedWords: string[];
}) {
  const settled = useDebounced(passphrase, 250);
  const names = useDebounced(relatedWords.join('\n'), 250);
  const strength = useRead(
    'case.checkPassphrase',
    { passphrase: settled, relatedWords: names.split('\n').filter(Boolean) },
    { enabled: settled.length > 0 },
  );
  if (!strength.data || passphrase.length === 0) return null;
  return (
    <div className="strength" aria-live="polite">
      <meter
        className="strength-meter"
        min={0}
        max={4}
        low={2}
        high={4}
        optimum={4}
        value={strength.data.score}
        aria-label="Passphrase strength"
      />
      <p>
        {strength.data.acceptable ? (
          <>
            <strong>Strong enough.</strong> This passphrase is strong enough.
          </>
        ) : (
          <>
            <strong>Too easy to guess.</strong> {strength.data.reason}
          </>
        )}
      </p>
    </div>
  );
}
