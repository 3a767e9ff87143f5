import { bundledStandardSummaries, loadStandardFromText, summarise } from '../standards';
import type { Handlers } from './handler';

type StandardOperation = 'standard.list' | 'standard.forCase' | 'standard.check';

export const standardHandlers: Pick<Handlers, StandardOperation> = {
  'standard.list': (_input, ctx) => bundledStandardSummaries(ctx.runtime.resourcesDir),
  'standard.forCase': (_input, _ctx, scope) => scope.standard,
  'standard.check': ({ content }) => summarise(loadStandardFromText(content, 'the standard you chose')),
};
