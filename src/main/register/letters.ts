import { dateInWords } from '../../shared/dates';
import type { OrganisationContact, RegisterEntry, Reminder } from '../../shared/api';
import { UserFacingError } from '../../shared/errors';
import type { ReminderLetterView } from '../documents';
import { dueSoon } from './reminders';

/**
 * The reminder letter about one thing due for a certificate (interim review, a condition, renewal),
 * in plain English, addressed to the organisation's contact from the register.
 */

/** The reminder for this certificate and kind (and condition), due or not yet due. */
export function reminderFor(
  entry: RegisterEntry,
  today: string,
  kind: Reminder['kind'],
  conditionId?: string,
): Reminder {
  // Every date is within 10 years of today, so this is every reminder the certificate has.
  const found = dueSoon([entry], today, 3660).find(
    (reminder) => reminder.kind === kind && (kind !== 'condition' || reminder.conditionId === conditionId),
  );
  if (!found)
    throw new UserFacingError(
      'NOTHING_DUE',
      `Nothing of that kind is due for certificate ${entry.certificateNumber} (${entry.status.words}), so no letter was written.`,
    );
  return found;
}

function addressLines(organisation: string, contact: OrganisationContact | null): string[] {
  const lines = [...(contact?.contactName ? [contact.contactName] : []), organisation];
  const postal =
    contact?.postalAddress
      ?.split('\n')
      .map((line) => line.trim())
      .filter(Boolean) ?? [];
  return [...lines, ...postal];
}

function subjectOf(reminder: Reminder): string {
  const when = dateInWords(reminder.dueOn);
  switch (reminder.kind) {
    case 'interim_review':
      return reminder.overdue
        ? `Your interim review was due on ${when}`
        : `Your interim review is due by ${when}`;
    case 'condition':
      return reminder.overdue
        ? `A condition of your award was due on ${when}`
        : `A condition of your award is due by ${when}`;
    case 'renewal':
      return reminder.overdue ? `Your certificate expired on ${when}` : `Your certificate expires on ${when}`;
  }
}

function paragraphsOf(reminder: Reminder, entry: RegisterEntry, schemeName: string): string[] {
  const level = `Level ${entry.level}`;
  const awarded = dateInWords(entry.decisionDate);
  const reply = `Please reply to the scheme office to arrange this. If you have already done so, thank you, and please ignore this letter.`;
  switch (reminder.kind) {
    case 'interim_review':
      return [
        `${entry.organisation} was awarded ${level} of the coproduction quality standard on ${awarded}. Every award has an interim review 18 months later, to check that coproduction is still at the heart of your work.`,
        reminder.overdue
          ? `Your interim review was due on ${dateInWords(reminder.dueOn)} and we have no record of it yet. Until it is done, the register shows that the review is overdue.`
          : `Your interim review is due by ${dateInWords(reminder.dueOn)}.`,
        reply,
      ];
    case 'condition': {
      const condition = entry.conditions.find((c) => c.id === reminder.conditionId)?.condition ?? '';
      return [
        `When ${schemeName} awarded ${entry.organisation} ${level} on ${awarded}, the award came with this condition: “${condition}”.`,
        reminder.overdue
          ? `It was due on ${dateInWords(reminder.dueOn)} and we have no record that it has been met. Until it is, the register shows the condition as overdue.`
          : `It is due by ${dateInWords(reminder.dueOn)}.`,
        `Please send the scheme office what shows the condition is met. If you have already done so, thank you, and please ignore this letter.`,
      ];
    }
    case 'renewal':
      return [
        `${entry.organisation} was awarded ${level} of the coproduction quality standard on ${awarded}. An award lasts three years.`,
        reminder.overdue
          ? `Your certificate expired on ${dateInWords(reminder.dueOn)}. Commissioners checking the register now see that it has expired. To hold the standard again, ask for a new assessment.`
          : `Your certificate expires on ${dateInWords(reminder.dueOn)}. To keep the standard without a gap, ask for your renewal assessment in good time.`,
        reply,
      ];
  }
}

/** The letter's words for one reminder, dated `today`. */
export function reminderLetterView(
  reminder: Reminder,
  entry: RegisterEntry,
  schemeName: string,
  today: string,
): ReminderLetterView {
  const contact = entry.contact;
  return {
    schemeName,
    dated: dateInWords(today),
    addressLines: addressLines(entry.organisation, contact),
    alsoBy: [
      ...(contact?.email ? [`By email: ${contact.email}`] : []),
      ...(contact?.phone ? [`Phone: ${contact.phone}`] : []),
    ],
    greeting: contact?.contactName
      ? `Dear ${contact.contactName},`
      : `Dear colleagues at ${entry.organisation},`,
    subject: subjectOf(reminder),
    paragraphs: paragraphsOf(reminder, entry, schemeName),
    facts: [
      { label: 'Organisation', value: entry.organisation },
      { label: 'Certificate', value: entry.certificateNumber },
      { label: 'Level', value: String(entry.level) },
      { label: 'Awarded on', value: dateInWords(entry.decisionDate) },
      { label: 'Valid until', value: dateInWords(entry.validUntil) },
    ],
    certificateNumber: entry.certificateNumber,
  };
}
