import { describe, expect, it } from 'vitest';
import { describeFieldErrors } from '../../../src/renderer/src/ui/formSupport';

describe('a refused form’s summary', () => {
  it('lists the problems in the form’s order, whatever order they were found in', () => {
    const labels = {
      organisationName: 'Organisation’s name',
      fileName: 'Case file name',
      leadPin: 'Your PIN',
    };
    // The app checks the case file name first (its contract's order); the form shows it second.
    const found = {
      leadPin: 'A PIN is 4 to 8 digits.',
      fileName: 'Enter a file name.',
      organisationName: 'Fill this in.',
    };
    expect(describeFieldErrors(found, labels)).toBe(
      'Please check these. Organisation’s name: Fill this in. Case file name: Enter a file name. Your PIN: A PIN is 4 to 8 digits.',
    );
  });

  it('puts a problem with a field it has no label for last, by its key', () => {
    expect(
      describeFieldErrors({ extra: 'Odd.', fileName: 'Enter a file name.' }, { fileName: 'Case file name' }),
    ).toBe('Please check these. Case file name: Enter a file name. extra: Odd.');
  });
});
