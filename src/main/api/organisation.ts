import { updateOrganisation } from '../organisation';
import type { Handlers } from './handler';

export const organisationHandlers: Pick<Handlers, 'organisation.update'> = {
  'organisation.update': ({ organisation, savedBefore }, _ctx, scope) =>
    updateOrganisation(scope, organisation, savedBefore),
};
