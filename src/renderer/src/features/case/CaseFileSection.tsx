import { useState } from 'react';
import type { CaseFileCheckProgress } from '../../../../shared/api';
import { useChange } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { CheckRunning } from './CaseFileCheckBanner';
import { PassphraseAgain, SaveReadableButton } from './SaveReadable';
import { fileNameOf, useCaseFileCheck } from './useCaseFileCheck';

/**
 * The case file's own settings (for the lead): the full check on demand — every page, every part
 * of the case, every attached file and every receipt — with its progress and its result in plain words.
 */
export function CaseFileSection({ caseId, caseFilePath }: { caseId: string; caseFilePath: string }) {
  const check = useCaseFileCheck(caseId).data;
  const running = check?.state === 'running';
  return (
    <section aria-labelledby="case-file-heading">
      <h2 id="case-file-heading">The case file</h2>
      <p>
        This case is kept in “{fileNameOf(caseFilePath)}”. The full check reads every page, every part of the
        case, every attached file and every receipt, and says whether anything is damaged. A large file can
        take a few minutes; you can carry on working meanwhile.
      </p>
      <StartCheck caseId={caseId} isRunning={running} />
      {check && <CheckOutcome caseId={caseId} caseFilePath={caseFilePath} check={check} />}
    </section>
  );
}

/** The button, and the passphrase it asks for again (the app does not keep it). */
function StartCheck({ caseId, isRunning }: { caseId: string; isRunning: boolean }) {
  const [isOpen, setOpen] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const start = useChange('case.startCheck', {
    onSuccess: () => {
      setOpen(false);
      setPassphrase('');
    },
  });
  return (
    <>
      <Button
        onPress={() => {
          start.reset();
          setOpen(true);
        }}
        isDisabled={isRunning}
      >
        Check the whole case file
      </Button>
      <ConfirmDialog
        isOpen={isOpen}
        onOpenChange={setOpen}
        role="dialog"
        title="Check the whole case file"
        confirmLabel="Start the check"
        pendingLabel="Starting…"
        onConfirm={() => start.mutate({ caseId, passphrase })}
        isPending={start.isPending}
        error={start.error?.message}
      >
        <PassphraseAgain value={passphrase} onChange={setPassphrase} />
      </ConfirmDialog>
    </>
  );
}

/** How far the check has got, or what it found, in plain words. */
function CheckOutcome({
  caseId,
  caseFilePath,
  check,
}: {
  caseId: string;
  caseFilePath: string;
  check: CaseFileCheckProgress;
}) {
  if (check.state === 'running')
    return check.startedBecause === 'asked' ? (
      <CheckRunning caseId={caseId} check={check} canStop>
        The full check is running.
      </CheckRunning>
    ) : (
      <p>
        The full check started when this large file was opened is running; its progress is at the top of the
        page.
      </p>
    );
  if (check.state === 'failed')
    return (
      <ErrorNotice title="The full check could not finish" message={check.summary ?? check.description} />
    );
  if (check.state === 'cancelled') return <StatusNotice>{check.summary}</StatusNotice>;
  if (check.state === 'none') return null;
  if (check.damage.length === 0) return <StatusNotice tone="success">{check.summary}</StatusNotice>;
  return (
    <div className="notice notice-error">
      <p className="notice-title">The case file is damaged</p>
      <p>{check.summary}</p>
      <SaveReadableButton caseId={caseId} caseFilePath={caseFilePath} />
    </div>
  );
}
