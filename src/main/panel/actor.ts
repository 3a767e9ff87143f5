import { UserFacingError } from '../../shared/errors';
import type { CaseActor } from '../case';

export function requireLead(actor: CaseActor): void {
  if (actor.role !== 'lead') {
    throw new UserFacingError(
      'FORBIDDEN',
      `${actor.name}, only the lead assessor can do this. Ask the lead assessor.`,
    );
  }
}
