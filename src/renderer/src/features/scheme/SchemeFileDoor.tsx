import { useState } from 'react';
import { caseFileName, personName, textLimit, type ApiError } from '../../../../shared/api';
import { useChange, useRead, useReadOnDemand } from '../../app/operations';
import { Button } from '../../ui/Button';
import { CheckedForm } from '../../ui/CheckedForm';
import { CheckedTextField, useCheckedFields } from '../../ui/CheckedTextField';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { SecretField, TextField } from '../../ui/fields';
import { formatDateTime } from '../../ui/format';
import { refusalInWords } from '../../ui/formSupport';
import type { FieldErrors } from '../../ui/formSupport';
import { useFieldChecks } from '../../ui/useFieldChecks';
import { PassphraseStrength } from '../open-case/NewCaseScreen';
import { suggestedFileName } from '../open-case/suggested-file-name';

const OPEN_ERROR_TITLES: Partial<Record<ApiError['code'], string>> = {
  WRONG_PASSPHRASE: 'That passphrase did not open the scheme file',
  NOT_A_SCHEME_FILE: 'This is not a scheme file',
  CASE_FILE_TOO_NEW: 'This scheme file needs a newer version of the app',
  CASE_FILE_DAMAGED: 'This scheme file is damaged',
  CASE_FILE_LOCKED: 'This scheme file is already open',
  SCHEME_FILE_ALREADY_OPEN: 'A scheme file is already open',
};

const CREATE_LABELS: Record<string, string> = {
  schemeName: 'Scheme’s name',
  fileName: 'Scheme file name',
  yourName: 'Your name',
  passphrase: 'New scheme file’s passphrase',
};

/** No scheme file is open: open one from the workspace, or create the scheme office's first. */
export function SchemeFileDoor() {
  const files = useRead('scheme.listWorkspace', {});
  const [chosen, setChosen] = useState<string | null>(null);
  return (
    <>
      <section aria-labelledby="scheme-files-heading">
        <h2 id="scheme-files-heading">Open a scheme file</h2>
        {files.isPending && <p role="status">Looking for scheme files…</p>}
        {files.isError && <ErrorNotice message={files.error.message} />}
        {files.data && files.data.files.length === 0 && (
          <p>There is no scheme file in your Coproduction Panel folder yet. Create one below.</p>
        )}
        {files.data && files.data.files.length > 0 && (
          <ul className="plain-list">
            {files.data.files.map((file) => (
              <li key={file.path} className="list-row">
                <div>
                  <p className="list-row-title">{file.fileName}</p>
                  <p className="list-row-detail">Changed {formatDateTime(file.modifiedAt)}</p>
                </div>
                <Button onPress={() => setChosen(file.path)} aria-label={`Open ${file.fileName}`}>
                  Open
                </Button>
              </li>
            ))}
          </ul>
        )}
        {chosen && <OpenSchemeForm key={chosen} path={chosen} onCancel={() => setChosen(null)} />}
      </section>
      <CreateSchemeForm />
    </>
  );
}

function fileNameOf(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

/** The passphrase and the name the changes are recorded under. */
function OpenSchemeForm({ path, onCancel }: { path: string; onCancel: () => void }) {
  const checks = useFieldChecks();
  const [passphrase, setPassphrase] = useState('');
  const fields = useCheckedFields({ yourName: '' }, checks);
  const open = useChange('scheme.open', { onSuccess: () => setPassphrase('') });
  const fieldErrors = checks.errors(open.error);
  return (
    <CheckedForm
      checks={checks}
      check={() => ({})}
      send={() => open.mutate({ path, passphrase, yourName: fields.values.yourName })}
      change={open}
      aria-labelledby="open-scheme-heading"
    >
      <h3 id="open-scheme-heading">Open {fileNameOf(path)}</h3>
      <SecretField
        label="Scheme file’s passphrase"
        description="The passphrase chosen when this scheme file was made."
        isRequired
        value={passphrase}
        onChange={(value) => {
          checks.clear('passphrase');
          setPassphrase(value);
        }}
        errorMessage={fieldErrors.passphrase}
        autoFocus
      />
      <CheckedTextField
        fields={fields}
        errors={fieldErrors}
        name="yourName"
        label="Your name"
        description="Every change you make is recorded in the scheme file under this name."
        isRequired
        maxLength={textLimit(personName)}
        autoComplete="name"
      />
      {open.error && (
        <ErrorNotice
          title={OPEN_ERROR_TITLES[open.error.code] ?? 'The scheme file did not open'}
          message={open.error.message}
        />
      )}
      {open.isPending && <StatusNotice>Unlocking the scheme file… this takes a moment.</StatusNotice>}
      <div className="form-actions">
        <Button type="submit" variant="primary" isPending={open.isPending} pendingLabel="Unlocking…">
          Open the scheme file
        </Button>
        <Button onPress={onCancel}>Cancel</Button>
      </div>
    </CheckedForm>
  );
}

/** A new scheme file, with the same passphrase rules as a case file. */
function CreateSchemeForm() {
  const checks = useFieldChecks();
  const fields = useCheckedFields({ schemeName: '', yourName: '' }, checks);
  const { schemeName, yourName } = fields.values;
  const [typedFileName, setFileName] = useState<string | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [passphraseAgain, setPassphraseAgain] = useState('');
  const create = useChange('scheme.create');
  const suggest = useReadOnDemand('case.suggestPassphrase', {
    onSuccess: (suggested) => {
      setPassphrase(suggested.passphrase);
      setPassphraseAgain(suggested.passphrase);
    },
  });
  const fileName = typedFileName ?? suggestedFileName(schemeName, ' scheme');
  const fieldErrors = checks.errors(create.error);
  const mismatch = passphraseAgain.length > 0 && passphraseAgain !== passphrase;
  const changing = (key: string, set: (value: string) => void) => (value: string) => {
    checks.clear(key);
    set(value);
  };
  const refusal = create.error ? refusalInWords(create.error, fieldErrors, CREATE_LABELS) : '';
  return (
    <section aria-labelledby="create-scheme-heading">
      <h2 id="create-scheme-heading">Create a scheme file</h2>
      <p>
        The scheme file keeps the assessor directory, training, calibration, fees and the register of
        certificates, encrypted. One scheme file serves every case file of the scheme.
      </p>
      <CheckedForm
        checks={checks}
        check={(): FieldErrors =>
          mismatch ? { passphraseAgain: 'The two passphrases are not the same.' } : {}
        }
        send={() => create.mutate({ schemeName, fileName, yourName, passphrase })}
        change={create}
        aria-labelledby="create-scheme-heading"
      >
        <CheckedTextField
          fields={fields}
          errors={fieldErrors}
          name="schemeName"
          label="Scheme’s name"
          isRequired
          maxLength={textLimit(personName)}
        />
        <TextField
          label="Scheme file name"
          description="The name of the file in your Coproduction Panel folder. You can keep the suggestion."
          isRequired
          maxLength={textLimit(caseFileName)}
          value={fileName}
          onChange={changing('fileName', setFileName)}
          errorMessage={fieldErrors.fileName}
        />
        <CheckedTextField
          fields={fields}
          errors={fieldErrors}
          name="yourName"
          label="Your name"
          description="Recorded as the person who created the scheme file, and beside every change you make."
          isRequired
          maxLength={textLimit(personName)}
          autoComplete="name"
        />
        <h3>The passphrase</h3>
        <p>
          Choose a passphrase of several words, or let the app suggest one. Write it down and keep it
          somewhere safe: without it, nobody can open the scheme file. Anyone who knows it can change the
          directory, so share it only within the scheme office.
        </p>
        <Button onPress={() => suggest.mutate({})} isPending={suggest.isPending}>
          Suggest a passphrase
        </Button>
        <SecretField
          label="New scheme file’s passphrase"
          isRequired
          value={passphrase}
          onChange={changing('passphrase', setPassphrase)}
          errorMessage={fieldErrors.passphrase}
        />
        <PassphraseStrength
          passphrase={passphrase}
          relatedWords={[schemeName, yourName].filter((word) => word.trim() !== '')}
        />
        <SecretField
          label="Passphrase again"
          isRequired
          value={passphraseAgain}
          onChange={setPassphraseAgain}
          errorMessage={mismatch ? 'The two passphrases are not the same.' : undefined}
        />
        {refusal && <ErrorNotice title="The scheme file was not created" message={refusal} />}
        {create.isPending && <StatusNotice>Creating and encrypting the scheme file…</StatusNotice>}
        <Button type="submit" variant="primary" isPending={create.isPending} pendingLabel="Creating…">
          Create the scheme file
        </Button>
      </CheckedForm>
    </section>
  );
}
