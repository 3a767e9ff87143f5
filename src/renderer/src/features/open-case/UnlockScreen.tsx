import { useState } from 'react';
import { fileNameOf } from '../../../../shared/hidden-characters';
import { Form } from 'react-aria-components';
import type { ApiCallError } from '../../app/client-context';
import { useChange, useRead } from '../../app/operations';
import { useNavigation } from '../../app/navigation';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { CheckboxField, SecretField } from '../../ui/fields';
import { Page } from '../../ui/Page';
import { showOpenedCase } from './openedCase';
import { ContinueHere, useCasesOpenHere } from './OpenHere';

const ERROR_TITLES: Partial<Record<ApiCallError['code'], string>> = {
  WRONG_PASSPHRASE: 'That passphrase did not open the file',
  NOT_A_CASE_FILE: 'This is not a case file',
  CASE_FILE_TOO_NEW: 'This case file needs a newer version of the app',
  CASE_FILE_DAMAGED: 'This case file is damaged',
  CASE_FILE_LOCKED: 'This case file is already open',
  CASE_FILE_MISSING: 'The case file could not be found',
  CASE_FILE_READ_ONLY: 'The case file cannot be changed',
};

/**
 * Enter the passphrase for a case file. A file that cannot be a case file (empty, a PDF, a scheme
 * file…) is told at once, before the passphrase is asked. Every problem is named in plain words
 * with what to do.
 */
export function UnlockScreen({ path }: { path: string }) {
  const { go } = useNavigation();
  const chosen = useRead('case.checkBeforeOpening', { path });
  const openHere = useCasesOpenHere().find((c) => c.path === path);
  return (
    <Page
      title={`Open ${fileNameOf(path)}`}
      actions={<Button onPress={() => go({ name: 'start' })}>Back to the start</Button>}
    >
      {openHere ? (
        <ContinueHere openCase={openHere} label="Continue with this case" />
      ) : chosen.isError ? (
        <NotACaseFile error={chosen.error} />
      ) : chosen.isPending ? (
        <StatusNotice>Looking at the file…</StatusNotice>
      ) : (
        <PassphraseForm path={path} />
      )}
    </Page>
  );
}

/** Why the chosen file cannot be opened as a case file, and a way to choose another. */
function NotACaseFile({ error }: { error: ApiCallError }) {
  const { go } = useNavigation();
  return (
    <>
      <ErrorNotice
        title={ERROR_TITLES[error.code] ?? 'The case file cannot be opened'}
        message={error.message}
      />
      <Button variant="primary" onPress={() => go({ name: 'open-case' })}>
        Choose another file
      </Button>
    </>
  );
}

/** The passphrase, asked once the chosen file may be a case file. */
function PassphraseForm({ path }: { path: string }) {
  const { go } = useNavigation();
  const [passphrase, setPassphrase] = useState('');
  const [remember, setRemember] = useState(false);
  const memory = useRead('case.passphraseMemory', { path });
  const open = useChange('case.open', {
    prepare: (useRemembered: boolean) =>
      useRemembered
        ? { path }
        : { path, passphrase, ...(memory.data?.canRemember ? { rememberPassphrase: remember } : {}) },
    writeReads: showOpenedCase,
    onSuccess: (opened) => {
      setPassphrase('');
      go({ name: 'case', caseId: opened.caseId, section: 'overview' });
    },
  });
  const error = open.error;
  return (
    <Form
      className="form"
      onSubmit={(event) => {
        event.preventDefault();
        open.mutate(false);
      }}
    >
      {memory.data?.remembered && (
        <div className="card">
          <p>This computer remembers the passphrase for this case file.</p>
          <Button variant="primary" onPress={() => open.mutate(true)} isPending={open.isPending}>
            Open with the remembered passphrase
          </Button>
        </div>
      )}
      <SecretField
        label="Passphrase"
        description="The passphrase chosen when this case file was made."
        isRequired
        value={passphrase}
        onChange={setPassphrase}
        autoFocus
      />
      {memory.data?.canRemember && (
        <CheckboxField
          label="Remember the passphrase on this computer"
          description="It is kept encrypted by this computer’s own protected storage. Only choose this on a computer that only you use."
          isSelected={remember}
          onChange={setRemember}
        />
      )}
      {error && (
        <ErrorNotice
          title={ERROR_TITLES[error.code] ?? 'The case file did not open'}
          message={error.message}
        />
      )}
      {open.isPending && <StatusNotice>Unlocking the case file… this takes a moment.</StatusNotice>}
      <Button type="submit" variant="primary" isPending={open.isPending} pendingLabel="Unlocking…">
        Open the case file
      </Button>
    </Form>
  );
}
