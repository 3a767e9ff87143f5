import { createHash } from 'node:crypto';
import type { Reminder, RegisterEntry, ReminderKind } from '../../shared/api';
import { addDays } from './status';

/**
 * "Due soon": the interim reviews, conditions and renewals falling due within a number of days
 * (overdue ones included), sorted by date, for certificates still in force; and the same list as an
 * iCalendar file (RFC 5545) a calendar program imports.
 */

export type { Reminder, ReminderKind };

const ENDED = new Set(['revoked', 'superseded', 'expired']);

export function dueSoon(entries: readonly RegisterEntry[], today: string, withinDays: number): Reminder[] {
  const horizon = addDays(today, withinDays);
  const reminders: Reminder[] = [];
  for (const entry of entries) {
    if (ENDED.has(entry.status.state)) continue;
    const about = {
      certificateNumber: entry.certificateNumber,
      organisation: entry.organisation,
      contact: entry.contact,
    };
    const add = (kind: ReminderKind, dueOn: string, what: string, conditionId?: string) => {
      if (dueOn <= horizon)
        reminders.push({
          kind,
          dueOn,
          what,
          overdue: dueOn < today,
          ...about,
          ...(conditionId === undefined ? {} : { conditionId }),
        });
    };
    if (!entry.events.some((event) => event.kind === 'interim_review_done'))
      add(
        'interim_review',
        entry.interimReviewDue,
        `Interim review of ${entry.organisation} (certificate ${entry.certificateNumber})`,
      );
    for (const condition of entry.conditions)
      if (condition.metOn === null)
        add(
          'condition',
          condition.dueOn,
          `Condition for ${entry.organisation}: ${condition.condition}`,
          condition.id,
        );
    add(
      'renewal',
      entry.validUntil,
      `Renewal of ${entry.organisation}'s Level ${entry.level} (certificate ${entry.certificateNumber} expires)`,
    );
  }
  return reminders.sort((a, b) =>
    a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.what < b.what ? -1 : 1,
  );
}

/** TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and newlines. */
function icsText(text: string): string {
  return text.replace(/[\\;,]/g, (c) => `\\${c}`).replace(/\r?\n/g, '\\n');
}

/** Folds a content line at 75 octets (RFC 5545 3.1), never inside a UTF-8 character. */
function fold(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char, 'utf8');
    if (octets + size > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** The organisation's contact on one line per way to reach them, for a calendar event's description. */
function contactInWords(contact: NonNullable<Reminder['contact']>): string {
  return [
    contact.contactName ? `Contact: ${contact.contactName}` : null,
    contact.email ? `Email: ${contact.email}` : null,
    contact.phone ? `Phone: ${contact.phone}` : null,
    contact.postalAddress ? `Address: ${contact.postalAddress.replace(/\n/g, ', ')}` : null,
  ]
    .filter((line): line is string => line !== null)
    .join('\n');
}

const compactDate = (date: string): string => date.replaceAll('-', '');

/** The reminders as an iCalendar file: one all-day event each, with a stable UID so a re-import updates it. */
export function remindersIcs(reminders: readonly Reminder[], schemeName: string, now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Coproduction Panel//Register reminders//EN',
    'CALSCALE:GREGORIAN',
  ];
  lines.push(`X-WR-CALNAME:${icsText(`${schemeName}: due soon`)}`);
  for (const reminder of reminders) {
    const uid = createHash('sha256')
      .update(`${reminder.kind}|${reminder.certificateNumber}|${reminder.what}`)
      .digest('hex')
      .slice(0, 32);
    lines.push(
      'BEGIN:VEVENT',
      `UID:${uid}@coproduction-panel`,
      `DTSTAMP:${stamp}`,
      `DTSTART;VALUE=DATE:${compactDate(reminder.dueOn)}`,
      `DTEND;VALUE=DATE:${compactDate(addDays(reminder.dueOn, 1))}`,
      `SUMMARY:${icsText(reminder.what)}`,
      ...(reminder.contact ? [`DESCRIPTION:${icsText(contactInWords(reminder.contact))}`] : []),
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(fold).join('\r\n')}\r\n`;
}
