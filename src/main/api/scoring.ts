import {
  caseProgress,
  enterPaperSheet,
  excludeSheet,
  mySheet,
  openScoring,
  saveScore,
  submitSheet,
} from '../panel';
import type { Handlers } from './handler';
import { checkTrainingBeforeScoring } from './scheme-link';

type ScoringOperation =
  | 'scoring.open'
  | 'scoring.mySheet'
  | 'scoring.saveScore'
  | 'scoring.submitSheet'
  | 'scoring.enterPaperSheet'
  | 'scoring.excludeSheet';

export const scoringHandlers: Pick<Handlers, ScoringOperation> = {
  'scoring.open': async ({ trainingReason }, ctx, scope) => {
    await openScoring(scope, await checkTrainingBeforeScoring(ctx, scope, trainingReason));
    return caseProgress(scope);
  },
  'scoring.mySheet': (_input, _ctx, scope) => mySheet(scope),
  'scoring.saveScore': ({ caseId: _caseId, ...score }, _ctx, scope) => saveScore(scope, score),
  'scoring.submitSheet': (_input, _ctx, scope) => submitSheet(scope),
  'scoring.enterPaperSheet': ({ memberId, entries }, _ctx, scope) =>
    enterPaperSheet(scope, memberId, entries),
  'scoring.excludeSheet': ({ memberId, reason }, _ctx, scope) => excludeSheet(scope, memberId, reason),
};
