import type { z } from 'zod';
import {
  contract,
  isOperationName,
  type OperationName,
  type OutputOf,
  type ParsedInputOf,
  type Access,
  type Result,
} from '../../shared/api';
import { detailInWords, UserFacingError, type ApiError, type ErrorDetail } from '../../shared/errors';
import type { ApiContext } from './context';

export type Handler<N extends OperationName> = (
  input: ParsedInputOf<N>,
  ctx: ApiContext,
) => Promise<OutputOf<N>> | OutputOf<N>;

/** One handler per operation in the contract; the compiler checks none is missing. */
export type Handlers = { [N in OperationName]: Handler<N> };

/** What was wrong with an input, field by field, in words a person can act on. */
function invalidInputDetails(error: z.ZodError): ErrorDetail[] {
  return error.issues.map((issue) => ({ field: issue.path.map(String), message: issue.message }));
}

function checkAccess(access: Access, input: unknown, ctx: ApiContext): void {
  if (access === 'anyone') return;
  const caseId =
    typeof input === 'object' && input !== null && 'caseId' in input
      ? (input as { caseId: unknown }).caseId
      : undefined;
  if (typeof caseId !== 'string') {
    throw new UserFacingError('INVALID_INPUT', 'This request needs to say which case file it is for.');
  }
  const member = ctx.session.memberFor(caseId);
  if (!member) {
    throw new UserFacingError(
      'NOT_SIGNED_IN',
      'Nobody is signed in to this case. Choose your name and enter your PIN first.',
    );
  }
  if (access !== 'case' && !access.includes(member.role)) {
    throw new UserFacingError(
      'FORBIDDEN',
      `${member.name}, your role on this panel does not allow this. Ask the lead assessor.`,
    );
  }
}

function internalError(name: string, error: unknown): ApiError {
  console.error(`[copanel] ${name} failed:`, error);
  return {
    code: 'INTERNAL',
    message:
      'Something went wrong inside the app. Nothing was saved from this step. Please try again; if it keeps happening, note what you were doing and tell the scheme team.',
  };
}

/**
 * The one entry point both transports use: checks the operation exists, validates the input with
 * the contract's zod schema, checks who may call it, runs the handler and returns a Result.
 * Never throws; never returns a stack trace.
 */
export async function dispatch(
  handlers: Handlers,
  name: string,
  rawInput: unknown,
  ctx: ApiContext,
): Promise<Result<unknown>> {
  if (!isOperationName(name)) {
    return {
      ok: false,
      error: { code: 'UNKNOWN_OPERATION', message: `The app does not know how to do "${name}".` },
    };
  }
  const spec = contract[name];
  const parsed = spec.input.safeParse(rawInput ?? {});
  if (!parsed.success) {
    const details = invalidInputDetails(parsed.error);
    const described = details.map((detail) =>
      detail.field.length > 0 ? detailInWords(detail) : `the request: ${detail.message}`,
    );
    return {
      ok: false,
      error: {
        code: 'INVALID_INPUT',
        message: `Some of the information sent was not right: ${described.join('; ')}`,
        details,
      },
    };
  }
  try {
    checkAccess(spec.access, parsed.data, ctx);
    const handler = handlers[name] as (input: unknown, ctx: ApiContext) => unknown;
    const value = await handler(parsed.data, ctx);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof UserFacingError) return { ok: false, error: error.toApiError() };
    return { ok: false, error: internalError(name, error) };
  }
}
