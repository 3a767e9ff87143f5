import { useState } from 'react';
import { useRead } from '../../app/operations';
import { Button } from '../../ui/Button';
import { DamageFound } from '../../ui/DamageFound';
import { ErrorNotice, ProgressBar, StatusNotice } from '../../ui/feedback';

/** How often the page asks how far the background check has got, while it runs. */
const ASK_EVERY_MS = 1000;

/**
 * At the top of the scheme office's screens: the full check that opening a large scheme file
 * started (its register and record of changes are checked in the background, so the file opens at
 * once), its progress, and damage as soon as it is found — as a large case file's check is shown.
 */
export function SchemeFileCheckBanner() {
  const check = useRead(
    'scheme.checkProgress',
    {},
    { refreshEvery: (answer) => (answer?.state === 'running' ? ASK_EVERY_MS : false) },
  ).data;
  const [hidden, setHidden] = useState(false);
  if (!check || check.startedBecause !== 'opened_large_file') return null;
  return (
    <div className="scheme-file-check">
      {check.damage.length > 0 && (
        <DamageFound fileKind="scheme file" check={check}>
          <p>
            Do not rely on the register from this file. Close it, open your most recent backup copy of the
            scheme file instead, and keep this file as it is, in case it can be repaired.
          </p>
        </DamageFound>
      )}
      {check.state === 'running' && (
        <section aria-label="The full check of the scheme file" className="notice">
          <p>
            This scheme file is large, so opening it checked everything but the register, the organisations’
            contacts, the record of changes and the certificates of attendance. The full check is reading
            those now; you can carry on working meanwhile.
          </p>
          <ProgressBar label="Checking the whole scheme file" value={check.percent} total={100} />
          <p>{check.description}</p>
        </section>
      )}
      {check.state === 'finished' && check.damage.length === 0 && !hidden && (
        <div className="scheme-file-check-done">
          <StatusNotice tone="success">{check.summary}</StatusNotice>
          <Button variant="link" onPress={() => setHidden(true)}>
            Hide this message
          </Button>
        </div>
      )}
      {check.state === 'failed' && (
        <ErrorNotice title="The full check could not finish" message={check.summary ?? check.description} />
      )}
    </div>
  );
}
