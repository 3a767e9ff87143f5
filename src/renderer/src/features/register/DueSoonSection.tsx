import { useState } from 'react';
import type { Reminder } from '../../../../shared/api';
import { useRead, useReadOnDemand } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { ChoiceGroup } from '../../ui/fields';
import { downloadPdf } from '../../ui/files';
import { SchemeReadGate } from '../scheme/SchemeReadGate';
import { inWords, REMINDER_NAMES } from './registerWords';
import './register.css';

const WITHIN = { '30': 30, '90': 90, '365': 365 } as const;
type Within = keyof typeof WITHIN;

/**
 * "Due soon": interim reviews, conditions and renewals by date, overdue ones first and marked, each
 * with the organisation's contact and a reminder letter; the whole list as a calendar file.
 */
export function DueSoonSection() {
  const [within, setWithin] = useState<Within>('90');
  const due = useRead('register.dueSoon', { withinDays: WITHIN[within] }, { keepPreviousWhileAsking: true });
  const calendar = useReadOnDemand('register.dueCalendar', {
    onSuccess: (file) => downloadPdf(file.base64, file.fileName, file.mediaType),
  });
  return (
    <section aria-labelledby="due-heading">
      <h2 id="due-heading">Due soon</h2>
      <ChoiceGroup
        label="Show what falls due within"
        orientation="horizontal"
        choices={[
          { value: '30', label: '30 days' },
          { value: '90', label: '90 days' },
          { value: '365', label: 'A year' },
        ]}
        value={within}
        onChange={setWithin}
      />
      <SchemeReadGate reads={[due]} loading="Reading the register…">
        {(answer) => (
          <>
            <p role="status">
              {answer.reminders.length === 0
                ? `Nothing falls due in the ${answer.withinDays} days from ${inWords(answer.asOf)}, and nothing is overdue.`
                : `${answer.reminders.length} thing${answer.reminders.length === 1 ? '' : 's'} due or overdue as of ${inWords(answer.asOf)}, earliest first.`}
            </p>
            {answer.reminders.length > 0 && (
              <ol className="plain-list" aria-label="Due soon">
                {answer.reminders.map((reminder) => (
                  <DueItem
                    key={`${reminder.kind}-${reminder.certificateNumber}-${reminder.conditionId ?? ''}`}
                    reminder={reminder}
                  />
                ))}
              </ol>
            )}
            <div className="register-actions">
              <Button
                onPress={() => calendar.mutate({ withinDays: WITHIN[within] })}
                isPending={calendar.isPending}
                pendingLabel="Writing the calendar…"
              >
                Download as a calendar (.ics)
              </Button>
            </div>
            {calendar.isError && (
              <ErrorNotice title="The calendar was not written" message={calendar.error.message} />
            )}
            {calendar.isSuccess && (
              <StatusNotice tone="success">
                The calendar was downloaded ({calendar.data.fileName}). Import it into your calendar program.
              </StatusNotice>
            )}
          </>
        )}
      </SchemeReadGate>
    </section>
  );
}

function DueItem({ reminder }: { reminder: Reminder }) {
  const letter = useReadOnDemand('register.reminderLetter', {
    onSuccess: (file) => downloadPdf(file.base64, file.fileName),
  });
  const contact = reminder.contact;
  return (
    <li className={`list-row due-item${reminder.overdue ? ' due-item-overdue' : ''}`}>
      <div>
        <p className="list-row-title">
          {reminder.overdue ? (
            <>
              <span aria-hidden="true">⚠ </span>
              {REMINDER_NAMES[reminder.kind]} overdue since {inWords(reminder.dueOn)}
            </>
          ) : (
            <>
              {REMINDER_NAMES[reminder.kind]} due by {inWords(reminder.dueOn)}
            </>
          )}
        </p>
        <p className="list-row-detail">{reminder.what}.</p>
        {contact ? (
          <p className="list-row-detail">
            Contact:{' '}
            {[contact.contactName, contact.email, contact.phone, contact.postalAddress?.replace(/\n/g, ', ')]
              .filter(Boolean)
              .join(' · ')}
          </p>
        ) : (
          <p className="list-row-detail">
            No contact is recorded for {reminder.organisation}: add one on the certificate’s page in the
            Register.
          </p>
        )}
        {letter.isError && <ErrorNotice title="The letter was not written" message={letter.error.message} />}
      </div>
      <Button
        onPress={() =>
          letter.mutate({
            certificateNumber: reminder.certificateNumber,
            kind: reminder.kind,
            ...(reminder.conditionId ? { conditionId: reminder.conditionId } : {}),
          })
        }
        isPending={letter.isPending}
        pendingLabel="Writing the letter…"
      >
        Reminder letter (PDF){' '}
        <span className="visually-hidden">
          to {reminder.organisation} about {REMINDER_NAMES[reminder.kind].toLowerCase()}
        </span>
      </Button>
    </li>
  );
}
