import type { z } from 'zod';
import type { MemberRole } from '../vocabulary';

/**
 * Who may call an operation:
 * - 'anyone': no case or signed-in member needed (app information, opening a case file…).
 * - 'case': any member signed in to the case named by the input's `caseId`.
 * - a list of roles: only a signed-in member of the case holding one of these roles.
 */
export type Access = 'anyone' | 'case' | readonly MemberRole[];

/**
 * Whether an operation only reads ('read') or may change anything ('change': data in a case file,
 * the app's settings, who is signed in, files on disk). The renderer caches reads and, after any
 * change, refreshes them; the sealing test calls every read as every member.
 */
export type Effect = 'read' | 'change';

/**
 * Operations whose bytes may travel beside the JSON input, in browser mode:
 * 'upload' takes the request's body as a file; 'download' writes a file as the response.
 */
export type Transfer = 'upload' | 'download';

export interface OperationSpec<I extends z.ZodType, O, A extends Access = Access, E extends Effect = Effect> {
  readonly input: I;
  readonly access: A;
  /** Kept as the literal 'read' or 'change', so the renderer's hooks can tell them apart by type. */
  readonly effect: E;
  readonly transfer?: Transfer;
  /** One plain sentence: what the operation does. */
  readonly summary: string;
  /** Phantom field carrying the output type; never set at run time. */
  readonly __output?: O;
}

/** Declare an operation once: `op<Output>()({ input, access, effect, summary })`. */
export const op =
  <O>() =>
  <I extends z.ZodType, A extends Access, E extends Effect>(spec: {
    input: I;
    access: A;
    effect: E;
    transfer?: Transfer;
    summary: string;
  }): OperationSpec<I, O, A, E> =>
    spec;

type AnyOperation = OperationSpec<z.ZodType, unknown>;

/**
 * The operations of one contract file. Every name starts with the file's prefix (`evidence.add`
 * lives in `evidence.ts`), so an operation's name tells you where it is declared.
 */
export const operations = <P extends string, G extends Record<string, AnyOperation>>(
  _prefix: P,
  group: G & { [K in keyof G]: K extends `${P}.${string}` ? AnyOperation : never },
): G => group;

/**
 * The field a page adds to the input of a call on a case: the id of the member the page shows as
 * signed in. The dispatcher takes it off before the input is validated, and refuses the call
 * (SIGNED_IN_ELSEWHERE) when the session now has someone else signed in to that case, or nobody: a
 * second tab on the same session handed over, and this page must not act as the new member.
 * Callers that show nobody (the CLI, a page before sign-in) leave it out.
 */
export const SIGNED_IN_AS_FIELD = 'signedInAs';
