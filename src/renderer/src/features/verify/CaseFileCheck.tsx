import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import {
  MAX_CHECKED_CASE_FILE_BYTES,
  type CaseFileHistoryCheck,
  type CaseFileHistoryProgress,
} from '../../../../shared/api';
import { unusableFile } from '../../../../shared/file-words';
import { ApiCallError, useConnectedClient } from '../../app/client-context';
import { asApiCallError } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ErrorNotice, ProgressBar } from '../../ui/feedback';
import { FileChooser } from '../../ui/FileChooser';
import { SecretField } from '../../ui/fields';

/** How often the screen asks how far the check has got. */
const PROGRESS_POLL_MS = 500;

/** What is happening, in words, for the progress bar and for screen readers (said once per stage). */
const STAGE_WORDS: Record<CaseFileHistoryProgress['stage'] | 'sending', string> = {
  sending: 'Sending the case file to the check',
  receiving: 'Taking a private copy of the case file',
  opening: 'Opening the copy with the passphrase',
  pages: 'Checking every page of the case file',
  tables: 'Checking every table of the case file',
  attachments: 'Reading back every attached file and receipt',
  history: 'Comparing the record of changes with the certificate',
};

interface Shown {
  stage: keyof typeof STAGE_WORDS;
  done: number;
  total: number;
}

/** Refuses, before sending, a file the check would refuse anyway. */
function unusableCaseFile(file: File | null, passphrase: string): string | undefined {
  if (!file) return 'Choose the case file first.';
  return (
    unusableFile(file, 'a case file', MAX_CHECKED_CASE_FILE_BYTES) ??
    (passphrase === '' ? 'Enter the case file’s passphrase.' : undefined)
  );
}

/** Sends the case file to the check and follows its progress until the answer comes. */
function useCaseFileCheck(certificateNumber: string, setShown: (shown: Shown | null) => void) {
  const { client, files } = useConnectedClient();
  return useMutation<CaseFileHistoryCheck, ApiCallError, { file: File | null; passphrase: string }>({
    mutationFn: async ({ file, passphrase }) => {
      const problem = unusableCaseFile(file, passphrase);
      if (problem || !file) throw new ApiCallError({ code: 'INVALID_INPUT', message: problem ?? '' });
      const checkId = crypto.randomUUID();
      let sent: Shown | null = { stage: 'sending', done: 0, total: file.size };
      setShown(sent);
      const poll = setInterval(() => {
        void client.call('certificate.caseFileCheckProgress', { checkId }).then((result) => {
          if (!result.ok || !result.value) return;
          // While the page is still sending, its own count is the one to show.
          if (result.value.stage === 'receiving' && sent && sent.done < sent.total) return;
          sent = null;
          setShown(result.value);
        });
      }, PROGRESS_POLL_MS);
      try {
        const result = await files
          .checkCaseFile({ checkId, certificateNumber, passphrase }, file, (done, total) => {
            sent = { stage: 'sending', done, total };
            setShown(sent);
          })
          .catch((error: unknown) => {
            throw asApiCallError(error);
          });
        if (!result.ok) throw new ApiCallError(result.error);
        return result.value;
      } finally {
        clearInterval(poll);
        setShown(null);
      }
    },
  });
}

/**
 * After a certificate checks out: check the case file it was issued from against it (issue 17).
 * The file and its passphrase go to the app's own check, which reads a private copy and says
 * whether the case file's history is still the one the certificate recorded when it was signed.
 */
export function CaseFileCheck({
  certificateNumber,
  entries,
}: {
  certificateNumber: string;
  entries: number;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [shown, setShown] = useState<Shown | null>(null);
  const check = useCaseFileCheck(certificateNumber, setShown);
  const answer = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (check.data || check.error) answer.current?.focus();
  }, [check.data, check.error]);

  return (
    <section aria-labelledby="case-file-check-heading" className="case-file-check">
      <h2 id="case-file-check-heading">Check a case file against this certificate</h2>
      <p>
        When certificate {certificateNumber} was signed, the case file’s record of changes held {entries}{' '}
        entries, and the certificate recorded the newest of them. If you have the case file and its
        passphrase, the app can check that its history is still the one the certificate recorded. The case
        file is only read: a private copy is checked, then deleted.
      </p>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          check.mutate({ file, passphrase });
        }}
      >
        <FileChooser
          label="Case file"
          hint="The .copanel file this certificate was issued from."
          buttonLabel="Choose the case file"
          chosen={file}
          onFile={(chosen) => {
            setFile(chosen);
            check.reset();
          }}
        />
        <SecretField label="Case file passphrase" value={passphrase} onChange={setPassphrase} isRequired />
        <Button
          type="submit"
          variant="primary"
          isPending={check.isPending}
          pendingLabel="Checking the case file…"
        >
          Check the case file
        </Button>
      </form>
      {shown && (
        <>
          <p role="status" className="notice notice-info">
            {STAGE_WORDS[shown.stage]}…
          </p>
          <ProgressBar
            label={STAGE_WORDS[shown.stage]}
            {...(shown.total > 0 ? { value: shown.done, total: shown.total } : {})}
          />
        </>
      )}
      <div ref={answer} tabIndex={-1} aria-live="polite" data-testid="case-file-check-answer">
        {check.data && <CaseFileAnswer result={check.data} />}
        {check.error && (
          <ErrorNotice title="The case file could not be checked" message={check.error.message} />
        )}
      </div>
    </section>
  );
}

function CaseFileAnswer({ result }: { result: CaseFileHistoryCheck }) {
  const matches = result.verdict === 'matches';
  return (
    <div className={`notice ${matches ? 'notice-success' : 'notice-error'}`}>
      <p className="notice-title">
        <span aria-hidden="true">{matches ? '✓ ' : '✗ '}</span>
        {matches ? 'This case file matches the certificate.' : 'Do not rely on this case file.'}
      </p>
      <p>{result.summary}</p>
      {result.problems.length > 1 && (
        <ul>
          {result.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
