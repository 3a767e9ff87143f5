import { useEffect } from 'react';
import type { CaseOpenHere } from '../../../../shared/api';
import { useRead } from '../../app/operations';
import { caseScreenBeforeReload, useNavigation } from '../../app/navigation';
import { Button } from '../../ui/Button';

/** Only the first start screen after the page loads carries on by itself; later ones wait to be asked. */
let resumedAfterReload = false;

/** The case files this app already has open: a reloaded or reopened page carries on with them. */
export function useCasesOpenHere(): CaseOpenHere[] {
  return useRead('case.openHere', {}).data ?? [];
}

/** After a reload (F5), goes straight back to the case screen this tab showed, while it is still open here. */
function useResumeAfterReload(open: CaseOpenHere[]): void {
  const { go } = useNavigation();
  useEffect(() => {
    if (resumedAfterReload || open.length === 0) return;
    resumedAfterReload = true;
    const before = caseScreenBeforeReload();
    if (before && open.some((c) => c.caseId === before.caseId)) go(before);
  }, [open, go]);
}

/** "This case is open here — continue", for one case file. */
export function ContinueHere({ openCase, label }: { openCase: CaseOpenHere; label?: string }) {
  const { go } = useNavigation();
  return (
    <div className="card">
      <p>
        <strong>This case is open here</strong> — {openCase.organisationName} ({openCase.fileName}). Continue
        where you left off; no passphrase is needed.
      </p>
      <Button
        variant="primary"
        onPress={() => go({ name: 'case', caseId: openCase.caseId, section: 'overview' })}
        aria-label={label ?? `Continue with ${openCase.organisationName}`}
      >
        {label ?? 'Continue'}
      </Button>
    </div>
  );
}

/** The start screen's list of the cases open here (nothing when there are none). */
export function OpenHereSection() {
  const open = useCasesOpenHere();
  useResumeAfterReload(open);
  if (open.length === 0) return null;
  return (
    <section aria-labelledby="open-here-heading">
      <h2 id="open-here-heading">Open here</h2>
      {open.map((openCase) => (
        <ContinueHere key={openCase.caseId} openCase={openCase} />
      ))}
    </section>
  );
}
