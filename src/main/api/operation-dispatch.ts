import type { z } from 'zod';
import { SIGNED_IN_AS_FIELD, type Contract, type Result } from '../../shared/api';
import { UserFacingError, type ApiError, type ErrorDetail } from '../../shared/errors';
import { reportInternalError } from '../error-log';
import type { ApiContext } from './context';
import type { Handlers } from './handler';

/** What was wrong with an input, field by field, in words a person can act on. */
function invalidInputDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String), message: issue.message }));
}

function invalidInput(error: z.ZodError): ApiError {
  const details = invalidInputDetails(error);
  // The message is for people: the fields' own names (`leadPin`) stay in `details`, where each
  // screen puts the message beside the field it labels.
  const described = [...new Set(details.map((detail) => detail.message))];
  return {
    code: 'INVALID_INPUT',
    message: `Some of the information sent was not right. ${described.join(' ')}`,
    details,
  };
}

/** A bug, not an error the user can meet: its details go to the error log, never to the user. */
function internalError(name: string, error: unknown, ctx: ApiContext): ApiError {
  reportInternalError(ctx.runtime.userDataDir, `${name} failed`, error);
  return {
    code: 'INTERNAL',
    message:
      'Something went wrong inside the app. Nothing was saved from this step. Please try again; if it keeps happening, note what you were doing and tell the scheme team.',
  };
}

/** The case an input names, if it names one (the contract's `caseId` field). */
function caseIdOf(input: unknown): string | undefined {
  if (typeof input !== 'object' || input === null || !('caseId' in input)) return undefined;
  const { caseId } = input as { caseId: unknown };
  return typeof caseId === 'string' ? caseId : undefined;
}

/** What a call's input says besides the operation's own fields: the member the page shows as signed in. */
interface PageSignIn {
  /** The operation's own input, without the page's field. */
  readonly input: unknown;
  /** The member the page shows as signed in; undefined when it names nobody (the CLI, before sign-in). */
  readonly signedInAs: string | undefined;
}

/**
 * Takes the page's `signedInAs` off the raw input (each operation's schema is strict, and knows
 * nothing of it). Null when the value is not a member's id: a malformed request.
 */
function takePageSignIn(rawInput: unknown): PageSignIn | null {
  if (typeof rawInput !== 'object' || rawInput === null || !Object.hasOwn(rawInput, SIGNED_IN_AS_FIELD)) {
    return { input: rawInput, signedInAs: undefined };
  }
  const { [SIGNED_IN_AS_FIELD]: signedInAs, ...input } = rawInput as Record<string, unknown>;
  if (typeof signedInAs !== 'string' || signedInAs.length === 0 || signedInAs.length > 100) return null;
  return { input, signedInAs };
}

let loadingScope: Promise<typeof import('./scope')> | undefined;

/**
 * The case layer, loaded with the first call on a case, so a call on no case never loads it. The
 * import is asked for once: a dynamic import on every call costs the module loader a round trip
 * (under tsx, a message to its loader thread) on each autosave.
 */
function scopeModule(): Promise<typeof import('./scope')> {
  loadingScope ??= import('./scope');
  return loadingScope;
}

/** Operations as the contract declares them: every one (the app) or only the ones a caller needs. */
export type Operations = Partial<Contract>;

/**
 * The dispatcher's one body, given the operations to accept and their handlers: checks the
 * operation exists, validates the input with the operation's zod schema, decides once who is
 * asking (the scope: the case, its standard and the caller as the case file knows them), checks
 * they may call it, runs the handler with that scope and returns a Result. Never throws; never
 * returns a stack trace. Every transport calls it through `dispatch` with the whole contract; the
 * CLI's `verify` passes the verifier's operation and handler alone (`invokeWith`), so it builds
 * neither the rest of the contract's schemas nor loads the case files or documents.
 */
export async function dispatchOperation(
  operations: Operations,
  handlers: Partial<Handlers>,
  name: string,
  rawInput: unknown,
  ctx: ApiContext,
): Promise<Result<unknown>> {
  const spec = Object.hasOwn(operations, name) ? operations[name as keyof Operations] : undefined;
  const handler = spec && (handlers[name as keyof Handlers] as Handler | undefined);
  if (!spec || !handler) {
    return {
      ok: false,
      error: { code: 'UNKNOWN_OPERATION', message: `The app does not know how to do "${name}".` },
    };
  }
  const page = takePageSignIn(rawInput);
  if (!page) {
    return {
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: 'This request did not say properly who the page shows as signed in.',
      },
    };
  }
  const parsed = spec.input.safeParse(page.input ?? {});
  if (!parsed.success) return { ok: false, error: invalidInput(parsed.error) };
  try {
    const caseId = caseIdOf(parsed.data);
    if (caseId === undefined && spec.access !== 'anyone') {
      throw new UserFacingError('INVALID_INPUT', 'This request needs to say which case file it is for.');
    }
    const scope =
      caseId === undefined
        ? undefined
        : await (
            await scopeModule()
          ).scopeFor(ctx, {
            caseId,
            access: spec.access,
            effect: spec.effect,
            signedInAs: page.signedInAs,
          });
    const value = await handler(parsed.data, ctx, scope);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false, error: error.toApiError() };
    return { ok: false, error: internalError(name, error, ctx) };
  }
}

type Handler = (input: unknown, ctx: ApiContext, scope: unknown) => unknown;
