import type { OpenCase } from '../../../../shared/api';
import type { ReadCache } from '../../app/operations';

/** Opening or creating a case answers with the open case: the case screen shows it at once. */
export function showOpenedCase(reads: ReadCache, opened: OpenCase): void {
  reads.set('case.get', { caseId: opened.caseId }, opened);
}
