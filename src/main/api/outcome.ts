import { previewOutcome, recordDecision, recordedOutcome } from '../panel';
import type { Handlers } from './handler';

export const outcomeHandlers: Pick<Handlers, 'outcome.preview' | 'outcome.decide' | 'outcome.get'> = {
  'outcome.preview': (_input, _ctx, scope) => previewOutcome(scope),
  'outcome.decide': ({ caseId: _caseId, ...decision }, _ctx, scope) => recordDecision(scope, decision),
  'outcome.get': (_input, _ctx, scope) => recordedOutcome(scope),
};
