import { describe, expect, it } from 'vitest';
import { contract, textLimit, personName } from '../../../src/shared/api';

/** What a person reads when the contract refuses a field: never zod's own words, never a field's code name. */
function refusal(operation: keyof typeof contract, input: unknown): string[] {
  const parsed = contract[operation].input.safeParse(input);
  expect(parsed.success).toBe(false);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
}

describe('refusals of the contract’s fields are in plain words', () => {
  it('a name over the limit says the limit in words, not zod’s “Too big: expected string…”', () => {
    const messages = refusal('case.create', {
      organisationName: 'x'.repeat(201),
      fileName: 'Tidewater assessment',
      passphrase: 'meadow copper lantern quietly saddle',
      leadName: 'Sam Example (fictional)',
      leadPin: '2468',
    });
    expect(messages).toEqual(['Use at most 200 characters.']);
  });

  it('a missing field asks to fill it in', () => {
    const messages = refusal('case.create', { organisationName: 'Tidewater Collective (fictional)' });
    for (const message of messages) expect(message).not.toMatch(/Invalid input|expected|received/);
    expect(messages).toContain('Fill this in.');
  });

  it('the limit a form shows is the contract’s own', () => {
    expect(textLimit(personName)).toBe(120);
  });
});
