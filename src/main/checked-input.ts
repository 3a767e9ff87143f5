import { UserFacingError } from '../shared/errors';

/** What a zod schema's `safeParse` gives: the data, or the problems with it. */
type Checked<T> = { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };

/** A refusal of what was entered, in plain words (INVALID_INPUT). */
export function invalidInput(message: string): UserFacingError {
  return new UserFacingError('INVALID_INPUT', message);
}

/** The input a contract's zod schema accepted, or one plain refusal naming every problem with it. */
export function checkedInput<T>(result: Checked<T>): T {
  if (result.success) return result.data;
  throw invalidInput(result.error.issues.map((issue) => issue.message).join(' '));
}
