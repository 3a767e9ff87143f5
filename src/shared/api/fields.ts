import { z } from 'zod';
import {
  HIDDEN_CHARACTERS_MESSAGE,
  hasNoHiddenDirectionControls,
  isPlainOneLine,
  shownFileName,
} from '../hidden-characters';

/**
 * The input fields the contract's operations share, each defined once with its limits and the
 * plain-English message a person sees. Validation happens here, at the contract, and nowhere else.
 */

/**
 * Zod's own words ("Too big: expected string to have <=200 characters") never reach a person: a
 * field without its own message is refused in these plain words instead. Set once, here, where
 * every contract field is defined.
 */
z.config({
  customError: (issue) => {
    const text = issue.origin === 'string';
    switch (issue.code) {
      case 'too_big':
        return text
          ? `Use at most ${String(issue.maximum)} characters.`
          : `Use at most ${String(issue.maximum)}.`;
      case 'too_small':
        return text && Number(issue.minimum) <= 1
          ? 'Fill this in.'
          : text
            ? `Use at least ${String(issue.minimum)} characters.`
            : `Use at least ${String(issue.minimum)}.`;
      case 'invalid_type':
        return issue.input === undefined ? 'Fill this in.' : 'This is not the kind of answer expected here.';
      case 'invalid_format':
        return 'This is not written the way it should be.';
      case 'invalid_value':
        return 'Choose one of the choices offered.';
      default:
        return 'Check what you entered here.';
    }
  },
});

/** The longest text a field takes, so forms show the limit (`maxlength`) before anyone reaches it. */
export function textLimit(field: z.ZodType): number | undefined {
  return field instanceof z.ZodString ? (field.maxLength ?? undefined) : undefined;
}

/** An operation that takes no input. */
export const noInput = z.object({}).strict();

/** The case file an operation is about, as opened on this client. */
export const caseId = z.string().uuid('That is not a case this app has open.');
export const memberId = z.string().min(1).max(100);
export const criterionId = z.string().regex(/^S\d+\.\d+$/, 'That is not a criterion of the standard.');
/** The id of a stored thing (evidence, attachment, identity, certificate). */
export const recordId = z.string().min(1).max(100);

/** A panel member's PIN. */
export const pin = z.string().regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits.');
export const personName = z
  .string()
  .trim()
  .min(1, 'Enter a name.')
  .max(120)
  .refine(isPlainOneLine, HIDDEN_CHARACTERS_MESSAGE);
export const passphrase = z.string().min(1, 'Enter the passphrase.').max(1024);
export const password = z.string().min(1, 'Enter the password.').max(1024);

/** A calendar date written as year-month-day (a real date: no 30 February). */
export const isoDate = z.iso.date({ error: 'Use a date like 2026-03-14.' });
/** Why something was done, in the person's own words. */
export const reason = z
  .string()
  .trim()
  .min(1, 'Give a reason.')
  .max(2000)
  .refine(hasNoHiddenDirectionControls, HIDDEN_CHARACTERS_MESSAGE);
/** Text a person writes, trimmed, of at most `max` characters. */
export const shortText = (max = 500) =>
  z.string().trim().max(max).refine(hasNoHiddenDirectionControls, HIDDEN_CHARACTERS_MESSAGE);
/** Longer writing: rationales, quotes, notes. */
export const longText = shortText(5000);

/** A full path on this computer (chosen in a file dialog, or given to the CLI). */
export const localPath = z.string().min(1).max(4096);
/** A case file's location: a full path, chosen by a file dialog or from the workspace list. */
export const casePath = z.string().trim().min(1, 'Choose a case file.').max(4096);
/** A new case file's name in the workspace folder. */
export const caseFileName = z
  .string()
  .trim()
  .min(1, 'Enter a file name.')
  .max(120)
  .regex(/^[^/\\:*?"<>|\0]+$/, 'A file name cannot contain / \\ : * ? " < > |.')
  .refine(isPlainOneLine, HIDDEN_CHARACTERS_MESSAGE);
/** The name of a file a person chose. */
export const fileName = z.string().trim().min(1).max(255).transform(shownFileName);
/**
 * The largest file kept inside a case or scheme file (an evidence attachment, a receipt, a
 * certificate of attendance): 100 MB. Checked on the screen before sending and again in src/main.
 */
export const MAX_KEPT_FILE_BYTES = 100 * 1024 * 1024;

/** Why a file over 100 MB is not kept, in the same words on the screen and from src/main. */
export function fileTooLargeMessage(fileName: string, what: string): string {
  return `“${fileName}” is larger than 100 MB, the most a ${what} can be, so it was not kept. Scan it at a lower resolution, or save it as a smaller PDF, and try again.`;
}

/** A file's size in bytes as the screen knows it, refused over 100 MB before a byte is sent. */
export const sentFileSize = (what: string) =>
  z
    .number()
    .int()
    .min(1, `The ${what} is empty (0 bytes). Choose it again.`)
    .max(
      MAX_KEPT_FILE_BYTES,
      `The ${what} is larger than 100 MB, so it was not kept. Scan it at a lower resolution, or save it as a smaller PDF, and try again.`,
    );

/**
 * A file sent with a call as a streamed upload (browser mode) or by its path (desktop app, CLI):
 * what it is called, its type and its size.
 */
export const sentFile = (what: string) =>
  z
    .object({
      fileName,
      mediaType: z.string().trim().min(1).max(200),
      sizeBytes: sentFileSize(what),
    })
    .strict();

/** A file's bytes carried across the API as base64 (certificates, identities, trusted roots). */
export const base64 = z
  .string()
  .min(1)
  .max(30_000_000)
  .regex(/^[A-Za-z0-9+/=\s]+$/, 'The file could not be read.');
