import { z } from 'zod';
import { caseId, shortText } from './fields';
import { op, operations } from './operation';

/** The organisation being assessed: who they are, which services are in scope, whom to contact. */
export interface Organisation {
  name: string;
  address: string;
  registrationNumber: string;
  /** One service per line. */
  servicesInScope: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

/** The organisation's name: needed, and at most 200 characters. */
export const organisationName = shortText(200).min(1, 'Enter the organisation’s name.');

/** The organisation's details, field by field (forms take their limits from here). */
export const organisationFields = z
  .object({
    name: organisationName,
    address: shortText(500),
    registrationNumber: shortText(100),
    servicesInScope: shortText(2000),
    contactName: shortText(200),
    contactEmail: z.union([
      z.literal(''),
      z.string().trim().email('Enter an email address like name@example.org.'),
    ]),
    contactPhone: shortText(50),
  })
  .strict() satisfies z.ZodType<Organisation>;

export const organisationOperations = operations('organisation', {
  'organisation.update': op<Organisation>()({
    input: z
      .object({
        caseId,
        organisation: organisationFields,
        /** The details the form started from: if they have been changed since (another tab), nothing is saved. */
        savedBefore: organisationFields.optional(),
      })
      .strict(),
    access: ['lead'],
    effect: 'change',
    summary: 'Updates the organisation’s details.',
  }),
});
