import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Form } from 'react-aria-components';
import { fieldProblem, useCall } from '../../app/client-context';
import { useNavigation } from '../../app/navigation';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { SecretField, TextField } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { useDebounced } from '../../ui/useDebounced';

const STRENGTH_WORDS = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'];

/** Suggests a file name from the organisation's name: "Riverside Mind" → "Riverside Mind assessment". */
function suggestedFileName(organisation: string): string {
  const cleaned = organisation
    .replace(/[/\\:*?"<>|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return cleaned ? `${cleaned} assessment` : '';
}

export function NewCaseScreen() {
  const call = useCall();
  const queryClient = useQueryClient();
  const { go } = useNavigation();
  const [organisationName, setOrganisationName] = useState('');
  const [fileName, setFileName] = useState('');
  const [fileNameTouched, setFileNameTouched] = useState(false);
  const [leadName, setLeadName] = useState('');
  const [leadPin, setLeadPin] = useState('');
  const [passphrase, setPassphrase] = useState('');
  const [passphraseAgain, setPassphraseAgain] = useState('');
  const debouncedPassphrase = useDebounced(passphrase, 250);

  const strength = useQuery({
    queryKey: ['case.checkPassphrase', debouncedPassphrase],
    queryFn: () => call('case.checkPassphrase', { passphrase: debouncedPassphrase }),
    enabled: debouncedPassphrase.length > 0,
  });
  const suggest = useMutation({
    mutationFn: () => call('case.suggestPassphrase', {}),
    onSuccess: ({ passphrase: suggested }) => {
      setPassphrase(suggested);
      setPassphraseAgain(suggested);
    },
  });
  const create = useMutation({
    mutationFn: () =>
      call('case.create', {
        organisationName,
        fileName: fileNameTouched ? fileName : suggestedFileName(organisationName),
        leadName,
        leadPin,
        passphrase,
      }),
    onSuccess: async (opened) => {
      await queryClient.invalidateQueries({ queryKey: ['case.recent'] });
      queryClient.setQueryData(['case.get', opened.caseId], opened);
      go({ name: 'case', caseId: opened.caseId, section: 'overview' });
    },
  });

  const mismatch = passphraseAgain.length > 0 && passphraseAgain !== passphrase;
  const fieldError = (field: string) => fieldProblem(create.error, field);

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
          if (!mismatch) create.mutate();
        }}
      >
        <h2>The organisation</h2>
        <TextField
          label="Organisation’s name"
          isRequired
          value={organisationName}
          onChange={setOrganisationName}
          errorMessage={fieldError('organisationName')}
        />
        <TextField
          label="Case file name"
          description="The name of the file in your Coproduction Panel folder. You can keep the suggestion."
          value={fileNameTouched ? fileName : suggestedFileName(organisationName)}
          onChange={(v) => {
            setFileNameTouched(true);
            setFileName(v);
          }}
          isRequired
          errorMessage={fieldError('fileName')}
        />

        <h2>You, the lead assessor</h2>
        <TextField
          label="Your name"
          isRequired
          value={leadName}
          onChange={setLeadName}
          autoComplete="name"
          errorMessage={fieldError('leadName')}
        />
        <SecretField
          label="Your PIN"
          description="4 to 8 digits. You will use it to sign in to this case on a shared computer."
          isRequired
          inputMode="numeric"
          value={leadPin}
          onChange={setLeadPin}
          errorMessage={fieldError('leadPin')}
        />

        <h2>The passphrase</h2>
        <p>
          Choose a passphrase of several words, or let the app suggest one. Write it down and keep it
          somewhere safe: without it, nobody — not even the scheme team — can open this case file.
        </p>
        <Button onPress={() => suggest.mutate()} isPending={suggest.isPending}>
          Suggest a passphrase
        </Button>
        <SecretField
          label="Passphrase"
          isRequired
          value={passphrase}
          onChange={setPassphrase}
          errorMessage={fieldError('passphrase')}
        />
        {strength.data && passphrase.length > 0 && (
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
        )}
        <SecretField
          label="Passphrase again"
          isRequired
          value={passphraseAgain}
          onChange={setPassphraseAgain}
          errorMessage={mismatch ? 'The two passphrases are not the same.' : undefined}
        />

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
