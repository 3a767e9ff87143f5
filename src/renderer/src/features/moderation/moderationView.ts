import type { ModerationView } from '../../../../shared/api';
import type { ReadCache } from '../../app/operations';

/** Opening, closing and reopening moderation each answer with the new view: it is shown at once. */
export function showModerationView(caseId: string) {
  return (reads: ReadCache, view: ModerationView) => reads.set('moderation.view', { caseId }, view);
}
