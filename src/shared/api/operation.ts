import type { z } from 'zod';

/** The roles a panel member can hold. */
export const MEMBER_ROLES = ['lead', 'assessor', 'co_assessor', 'observer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

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

export interface OperationSpec<I extends z.ZodType, O> {
  readonly input: I;
  readonly access: Access;
  readonly effect: Effect;
  /** One plain sentence: what the operation does. */
  readonly summary: string;
  /** Phantom field carrying the output type; never set at run time. */
  readonly __output?: O;
}

/** Declare an operation once: `op<Output>()({ input, access, effect, summary })`. */
export const op =
  <O>() =>
  <I extends z.ZodType>(spec: {
    input: I;
    access: Access;
    effect: Effect;
    summary: string;
  }): OperationSpec<I, O> =>
    spec;
