import {
  agreeScore,
  closeModeration,
  moderationView,
  openModeration,
  recordDissent,
  reopenModeration,
} from '../panel';
import type { Handlers } from './handler';

type ModerationOperation =
  | 'moderation.open'
  | 'moderation.view'
  | 'moderation.agree'
  | 'moderation.dissent'
  | 'moderation.close'
  | 'moderation.reopen';

export const moderationHandlers: Pick<Handlers, ModerationOperation> = {
  'moderation.open': (_input, _ctx, scope) => openModeration(scope),
  'moderation.view': (_input, _ctx, scope) => moderationView(scope),
  'moderation.agree': ({ caseId: _caseId, ...agreement }, _ctx, scope) => agreeScore(scope, agreement),
  'moderation.dissent': ({ criterionId, text }, _ctx, scope) => recordDissent(scope, criterionId, text),
  'moderation.close': async ({ caseId }, ctx, scope) => {
    const view = await closeModeration(scope);
    await ctx.capabilities.rooms?.close(caseId, 'moderation_closed', scope.actor.label);
    return view;
  },
  'moderation.reopen': ({ reason }, _ctx, scope) => reopenModeration(scope, reason),
};
