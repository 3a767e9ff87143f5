import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contract } from '../../../src/shared/api';
import { fileNameOf, shownFileName } from '../../../src/shared/hidden-characters';

const RIGHT_TO_LEFT_OVERRIDE = '\u202E';
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const HIDDEN = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;

function refusal(operation: keyof typeof contract, input: unknown): string[] {
  const parsed = contract[operation].input.safeParse(input);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
}

const newCase = {
  organisationName: 'Tidewater Collective (fictional)',
  fileName: 'Tidewater assessment',
  passphrase: 'meadow copper lantern quietly saddle',
  leadName: 'Sam Example (fictional)',
  leadPin: '2468',
};

describe('characters that change how text reads', () => {
  it('a case file named to pose as a PDF is shown with the hidden character visible', () => {
    // "report<RLO>fdp.copanel" is drawn as "reportlenapoc.pdf" by the bidirectional algorithm.
    expect(fileNameOf(`/cases/report${RIGHT_TO_LEFT_OVERRIDE}fdp.copanel`)).toBe('report\uFFFDfdp.copanel');
    expect(fileNameOf('C:\\cases\\دراسة حالة.copanel')).toBe('دراسة حالة.copanel');
  });

  it('no shown file name keeps a hidden or control character, whatever the disk holds', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), (name) => {
        expect(shownFileName(name)).not.toMatch(HIDDEN);
      }),
      { numRuns: 200 },
    );
  });

  it('names and the organisation refuse direction overrides in plain words', () => {
    const lead = refusal('case.create', { ...newCase, leadName: `Sam ${RIGHT_TO_LEFT_OVERRIDE}elpmaxE` });
    expect(lead).toEqual([expect.stringMatching(/^Remove the hidden characters that change the direction/)]);
    const organisation = refusal('case.create', {
      ...newCase,
      organisationName: `Tidewater ${RIGHT_TO_LEFT_OVERRIDE}3 leveL`,
    });
    expect(organisation).toHaveLength(1);
    expect(
      refusal('case.create', { ...newCase, fileName: `report${RIGHT_TO_LEFT_OVERRIDE}fdp` }),
    ).toHaveLength(1);
  });

  it('names in right-to-left scripts, with the marks their writers use, are accepted', () => {
    expect(refusal('case.create', { ...newCase, leadName: 'سارة مثال\u200F (fictional)' })).toEqual([]);
    expect(refusal('case.create', { ...newCase, organisationName: 'צוות הדוגמה (fictional)' })).toEqual([]);
  });
});
