import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessorFields, schemeSettings, trainingFields } from '../../../src/shared/api';

/** Whatever arrives as scheme input, the contract's schemas answer with a result, never a throw, and accept only sound values. */
describe('scheme input', () => {
  it('never throws on hostile input, and what it accepts is well formed', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const assessor = assessorFields.safeParse(input);
        if (assessor.success) {
          expect(assessor.data.name.trim().length).toBeGreaterThan(0);
          expect(assessor.data.roles.length).toBeGreaterThan(0);
        }
        const training = trainingFields.safeParse(input);
        if (training.success) expect(training.data.attendedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        const settings = schemeSettings.safeParse(input);
        if (settings.success) expect(Number.isInteger(settings.data.refresherYears)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses repeated roles, impossible dates and refresher periods out of range', () => {
    expect(
      assessorFields.safeParse({ name: 'Ali', roles: ['assessor', 'assessor'], consentToBeNamed: true })
        .success,
    ).toBe(false);
    expect(
      trainingFields.safeParse({ assessorId: 'a', course: 'C', attendedOn: '2025-02-30', trainer: 'T' })
        .success,
    ).toBe(false);
    expect(schemeSettings.safeParse({ refresherYears: 2.5, trainingPolicy: 'warn' }).success).toBe(false);
    expect(schemeSettings.safeParse({ refresherYears: 2, trainingPolicy: 'ignore' }).success).toBe(false);
  });
});
