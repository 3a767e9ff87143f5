import { useState } from 'react';
import type { CaseFileCheckProgress } from '../../../../shared/api';
import { useChange } from '../../app/operations';
import { Button } from '../../ui/Button';
import { DamageFound } from '../../ui/DamageFound';
import { ErrorNotice, ProgressBar, StatusNotice } from '../../ui/feedback';
import { SaveReadableButton } from './SaveReadable';
import { useCaseFileCheck } from './useCaseFileCheck';
import './caseFileCheck.css';

/**
 * At the top of an open case: the full check that opening a large file started (its progress,
 * which the lead may stop, and its result), and — whoever started the check — damage as soon as
 * it is found, with "save what can be read to a new file".
 */
export function CaseFileCheckBanner({
  caseId,
  caseFilePath,
  isLead,
}: {
  caseId: string;
  caseFilePath: string;
  isLead: boolean;
}) {
  const check = useCaseFileCheck(caseId).data;
  const [hidden, setHidden] = useState(false);
  if (!check) return null;
  const afterOpening = check.startedBecause === 'opened_large_file';
  return (
    <div className="case-file-check">
      {check.damage.length > 0 && (
        <CaseFileDamage check={check} caseId={caseId} caseFilePath={caseFilePath} isLead={isLead} />
      )}
      {afterOpening && check.state === 'running' && (
        <CheckRunning caseId={caseId} check={check} canStop={isLead}>
          This case file is large, so opening it checked everything but its attached files and receipts. The
          full check is reading the rest now; you can carry on working meanwhile.
        </CheckRunning>
      )}
      {afterOpening && check.state === 'finished' && check.damage.length === 0 && !hidden && (
        <div className="case-file-check-done">
          <StatusNotice tone="success">{check.summary}</StatusNotice>
          <Button variant="link" onPress={() => setHidden(true)}>
            Hide this message
          </Button>
        </div>
      )}
      {afterOpening && check.state === 'cancelled' && isLead && (
        <StatusNotice>
          The full check was stopped before it finished. You can run it again from the overview, under “The
          case file”.
        </StatusNotice>
      )}
      {afterOpening && check.state === 'failed' && (
        <ErrorNotice title="The full check could not finish" message={check.summary ?? check.description} />
      )}
    </div>
  );
}

/** Damage found by the full check: what, in plain words, and what to do. */
function CaseFileDamage({
  check,
  caseId,
  caseFilePath,
  isLead,
}: {
  check: CaseFileCheckProgress;
  caseId: string;
  caseFilePath: string;
  isLead: boolean;
}) {
  return (
    <DamageFound fileKind="case file" check={check} className="damage-found">
      <p>
        Save what can be read to a new file and carry on with that one. Keep this file as it is, in case it
        can be repaired.
      </p>
      {isLead ? (
        <SaveReadableButton caseId={caseId} caseFilePath={caseFilePath} />
      ) : (
        <p>Ask the lead assessor to save what can be read to a new file.</p>
      )}
    </DamageFound>
  );
}

/** A full check in progress: what it is doing, how far it has got, and (for the lead) a way to stop it. */
export function CheckRunning({
  caseId,
  check,
  canStop,
  children,
}: {
  caseId: string;
  check: CaseFileCheckProgress;
  canStop: boolean;
  children: React.ReactNode;
}) {
  const stop = useChange('case.cancelCheck');
  return (
    <section aria-label="The full check of the case file" className="notice case-file-check-running">
      <p>{children}</p>
      <ProgressBar label="Checking the whole case file" value={check.percent} total={100} />
      <p className="case-file-check-step">{check.description}</p>
      {canStop && (
        <Button onPress={() => stop.mutate({ caseId })} isPending={stop.isPending} pendingLabel="Stopping…">
          Stop the check
        </Button>
      )}
      {stop.isError && <ErrorNotice message={stop.error.message} />}
    </section>
  );
}
