import type { Contract, OperationName, OutputOf, ParsedInputOf } from '../../shared/api';
import type { CaseScope, OpenCaseScope } from '../case';
import type { ApiContext } from './context';

/**
 * The scope a handler is given, decided by the contract: an operation on a case (its input names
 * a `caseId`) gets the case, its standard and who is asking — `CaseScope` when a signed-in member
 * is needed, `OpenCaseScope` (actor possibly null) when anyone with the case open may call it.
 * Operations on no case get nothing.
 */
type ScopeOf<N extends OperationName> =
  ParsedInputOf<N> extends { caseId: string }
    ? Contract[N]['access'] extends 'anyone'
      ? OpenCaseScope
      : CaseScope
    : undefined;

export type Handler<N extends OperationName> = (
  input: ParsedInputOf<N>,
  ctx: ApiContext,
  scope: ScopeOf<N>,
) => Promise<OutputOf<N>> | OutputOf<N>;

/** One handler per operation in the contract; the compiler checks none is missing. */
export type Handlers = { [N in OperationName]: Handler<N> };
