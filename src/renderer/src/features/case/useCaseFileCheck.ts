import type { CaseFileCheckProgress } from '../../../../shared/api';
import { fileNameOf } from '../../../../shared/hidden-characters';
import { useRead } from '../../app/operations';

/** How often the page asks how far the background check has got, while it runs. */
const ASK_EVERY_MS = 1000;

/** The case file's full check (running in the background, or its result), asked again while it runs. */
export function useCaseFileCheck(caseId: string) {
  return useRead(
    'case.checkProgress',
    { caseId },
    { refreshEvery: (answer) => (answer?.state === 'running' ? ASK_EVERY_MS : false) },
  );
}

export { fileNameOf };

/** The name offered for the new file that what can be read is saved to. */
export function readableCopyName(caseFilePath: string): string {
  return `${fileNameOf(caseFilePath).replace(/\.copanel$/i, '')}-readable.copanel`;
}

export type { CaseFileCheckProgress };
