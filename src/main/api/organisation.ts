import { updateOrganisation } from '../organisation';
import type { Handlers } from './handler';

export const organisationHandlers: Pick<Handlers, 'organisation.update'> = {
  'organisation.update': ({ organisation }, _ctx, scope) => updateOrganisation(scope, organisation),
};
