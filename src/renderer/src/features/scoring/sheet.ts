import type { MySheet, SheetEntry } from '../../../../shared/api';
import { sheetProblems } from '../../../../shared/scoring';

/**
 * The member's sheet with one criterion's saved entry put in (as the save returned it), so
 * autosave never asks for the whole sheet again. Which criteria still stop the sheet being
 * submitted (`problems`) is worked out by the same rule the server refuses a submit with.
 */
export function withSavedEntry(sheet: MySheet, saved: SheetEntry): MySheet {
  const known = sheet.entries.some((entry) => entry.criterionId === saved.criterionId);
  const entries = known
    ? sheet.entries.map((entry) => (entry.criterionId === saved.criterionId ? saved : entry))
    : [...sheet.entries, saved];
  return {
    ...sheet,
    status: 'in_progress',
    entries,
    scoredCount: entries.filter((entry) => entry.score !== null).length,
    problems: sheetProblems(entries),
  };
}
