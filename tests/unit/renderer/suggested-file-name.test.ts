import { describe, expect, it } from 'vitest';
import { caseFileName } from '../../../src/shared/api';
import { suggestedFileName } from '../../../src/renderer/src/features/open-case/suggested-file-name';

/** An organisation's name as long as the app allows (200 characters), in several scripts. */
const LONG_NAME = (
  'محمد الأحمد Siân Ní Bhriain-Ó Súilleabháin Nguyễn Thị Hồng ' + 'Доктор Олена Коваленко '.repeat(8)
).slice(0, 200);

describe('the suggested case file name', () => {
  it('names the file after the organisation', () => {
    expect(suggestedFileName('Riverside Mind')).toBe('Riverside Mind assessment');
    expect(suggestedFileName('  A/B: "Trust"  ')).toBe('A B Trust assessment');
    expect(suggestedFileName('  ')).toBe('');
  });

  it('is a name the app accepts even for the longest organisation name, cut at a whole word', () => {
    const suggestion = suggestedFileName(LONG_NAME);
    expect(caseFileName.safeParse(suggestion).success).toBe(true);
    expect(suggestion.endsWith(' assessment')).toBe(true);
    const kept = suggestion.slice(0, -' assessment'.length);
    expect(LONG_NAME.startsWith(kept)).toBe(true);
    expect(LONG_NAME[kept.length]).toBe(' ');
  });

  it('never cuts inside a letter and its accent', () => {
    // "e" + combining acute, repeated with no spaces: no whole word fits, so it is cut between letters.
    const suggestion = suggestedFileName('e\u0301'.repeat(150));
    expect(caseFileName.safeParse(suggestion).success).toBe(true);
    expect(suggestion.replace(' assessment', '')).toMatch(/^(e\u0301)+$/);
  });
});
