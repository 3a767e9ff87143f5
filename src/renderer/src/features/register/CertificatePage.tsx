import { useEffect, useRef, useState } from 'react';
import type { RegisterEntry, RegisterEventKind } from '../../../../shared/api';
import { asSentence } from '../../../../shared/sentences';
import { useChange, useRead } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { formatDateTime } from '../../ui/format';
import { focusFirstInvalid, serverFieldErrors } from '../../ui/formSupport';
import { useFocusAfterChange } from '../../ui/useHeadingFocus';
import { ConditionsSection } from './ConditionsSection';
import { SchemeReadGate } from '../scheme/SchemeReadGate';
import { ContactForm } from './ContactForm';
import { EVENT_NAMES, inWords, needsAttention, statusSentence } from './registerWords';

/** One certificate in the register: its facts, signers, history and contact, and what the office can record. */
export function CertificatePage({
  certificateNumber,
  onBack,
}: {
  certificateNumber: string;
  onBack: () => void;
}) {
  const register = useRead('register.list', {});
  const entry = register.data?.entries.find((e) => e.certificateNumber === certificateNumber);
  // Focus goes to the certificate's heading once it is shown, so screen-reader users hear where they are.
  const heading = useRef<HTMLHeadingElement>(null);
  const focused = useRef(false);
  const shown = entry !== undefined;
  // After something is recorded through a question, its trigger may be gone (Withdraw…, Suspend…):
  // focus goes to the certificate's status, which now says what happened.
  const [recorded, setRecorded] = useState(0);
  const { ref: statusRef, focusAfterChange: focusStatusAfterChange } =
    useFocusAfterChange<HTMLParagraphElement>(recorded);
  useEffect(() => {
    if (shown && !focused.current) {
      focused.current = true;
      heading.current?.focus();
    }
  }, [shown]);
  return (
    <>
      <Button onPress={onBack}>Back to the register</Button>
      <SchemeReadGate reads={[register]} loading="Reading the register…">
        {({ asOf }) =>
          entry ? (
            <article aria-labelledby="certificate-heading" className="register-certificate">
              <h2 id="certificate-heading" ref={heading} tabIndex={-1}>
                {entry.organisation}, Level {entry.level}
              </h2>
              <p
                className={`notice ${needsAttention(entry.status.state) ? 'notice-warning' : 'notice-info'}`}
                data-testid="certificate-status"
                ref={statusRef}
                tabIndex={-1}
              >
                {needsAttention(entry.status.state) && <span aria-hidden="true">⚠ </span>}
                <strong>{statusSentence(entry.status)}</strong>
              </p>
              <Facts entry={entry} />
              <History entry={entry} />
              <ConditionsSection entry={entry} today={asOf} />
              <ContactForm organisation={entry.organisation} contact={entry.contact} />
              <RecordEvents
                entry={entry}
                onRecorded={() => {
                  focusStatusAfterChange();
                  setRecorded((count) => count + 1);
                }}
              />
            </article>
          ) : (
            <ErrorNotice message={`Certificate ${certificateNumber} is not in the register.`} />
          )
        }
      </SchemeReadGate>
    </>
  );
}

function Facts({ entry }: { entry: RegisterEntry }) {
  return (
    <section aria-labelledby="facts-heading">
      <h3 id="facts-heading">What the certificate says</h3>
      <dl className="register-facts">
        <dt>Certificate number</dt>
        <dd>{entry.certificateNumber}</dd>
        <dt>Level</dt>
        <dd>{entry.level}</dd>
        <dt>Awarded on</dt>
        <dd>{inWords(entry.decisionDate)}</dd>
        <dt>Interim review due</dt>
        <dd>{inWords(entry.interimReviewDue)}</dd>
        <dt>Valid until</dt>
        <dd>{inWords(entry.validUntil)}</dd>
        <dt>Standard</dt>
        <dd>{entry.standardVersion ?? 'Not recorded when it was added'}</dd>
        <dt>Added to the register</dt>
        <dd>
          {formatDateTime(entry.importedAt)}, from{' '}
          {entry.source === 'case_file' ? 'its case file' : 'its PDF'}
        </dd>
      </dl>
      <h4>Signed by</h4>
      <ul aria-label="Signers">
        {entry.signers.map((signer) => (
          <li key={signer}>{signer}</li>
        ))}
      </ul>
    </section>
  );
}

function History({ entry }: { entry: RegisterEntry }) {
  return (
    <section aria-labelledby="history-heading">
      <h3 id="history-heading">What happened since it was issued</h3>
      {entry.events.length === 0 ? (
        <p>Nothing has been recorded since it was issued.</p>
      ) : (
        <ol aria-label="Events">
          {entry.events.map((event, index) => (
            <li key={index}>
              <strong>{EVENT_NAMES[event.kind]}</strong>{' '}
              {asSentence(
                `on ${inWords(event.onDate)}${event.reason ? `: ${event.reason}` : ''}${event.supersededBy ? ` (by certificate ${event.supersededBy})` : ''}`,
              )}{' '}
              Recorded by {event.recordedBy}.
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const NO_REASON = 'Say why: a withdrawal or a suspension needs a reason.';

type Asking = Extract<RegisterEventKind, 'revoked' | 'suspended'>;

const ASK: Record<
  Asking,
  { title: string; explain: string; confirm: string; done: string; notDone: string }
> = {
  revoked: {
    title: 'Withdraw this certificate?',
    notDone: 'The certificate was not withdrawn',
    explain:
      'A withdrawn certificate can never be reinstated. Commissioners will see it as withdrawn, with your reason, in the register and in the revocation list once you publish them again.',
    confirm: 'Withdraw the certificate',
    done: 'The certificate was withdrawn.',
  },
  suspended: {
    title: 'Suspend this certificate?',
    notDone: 'The certificate was not suspended',
    explain:
      'While it is suspended (under appeal or investigation), commissioners are told not to rely on it. You can reinstate it later.',
    confirm: 'Suspend the certificate',
    done: 'The certificate was suspended.',
  },
};

/** Withdraw (with a reason, after a question), suspend, reinstate, or record the interim review. */
function RecordEvents({ entry, onRecorded }: { entry: RegisterEntry; onRecorded: () => void }) {
  const [asking, setAsking] = useState<Asking | null>(null);
  const [reason, setReason] = useState('');
  const [done, setDone] = useState('');
  const record = useChange('register.record', {
    onSuccess: (_entry, input) => {
      setAsking(null);
      setReason('');
      onRecorded();
      setDone(
        input.kind === 'revoked' || input.kind === 'suspended'
          ? ASK[input.kind].done
          : input.kind === 'reinstated'
            ? 'The certificate was reinstated.'
            : 'The interim review was recorded as done.',
      );
    },
  });
  const withdrawn = entry.status.state === 'revoked';
  const suspended = entry.status.state === 'suspended';
  const reviewed = entry.events.some((event) => event.kind === 'interim_review_done');
  const send = (kind: RegisterEventKind, withReason?: string | undefined) => {
    setDone('');
    record.mutate({
      certificateNumber: entry.certificateNumber,
      kind,
      ...(withReason === undefined ? {} : { reason: withReason }),
    });
  };
  const ask = (kind: Asking) => {
    record.reset();
    setReason('');
    setReasonMissing(false);
    setAsking(kind);
  };
  const [reasonMissing, setReasonMissing] = useState(false);
  const reasonBox = useRef<HTMLDivElement>(null);
  const reasonProblem = reasonMissing ? NO_REASON : serverFieldErrors(record.error).reason;
  const confirm = (kind: Asking) => {
    if (reason.trim() !== '') return send(kind, reason);
    record.reset();
    setReasonMissing(true);
    focusFirstInvalid(reasonBox.current);
  };
  return (
    <section aria-labelledby="record-heading">
      <h3 id="record-heading">Record what happened</h3>
      {done && <StatusNotice tone="success">{done}</StatusNotice>}
      {record.isError && !asking && (
        <ErrorNotice title="Nothing was recorded" message={record.error.message} />
      )}
      {withdrawn ? (
        <p>Nothing more can be recorded: this certificate was withdrawn.</p>
      ) : (
        <div className="register-actions">
          {!reviewed && (
            <Button onPress={() => send('interim_review_done')} isPending={record.isPending}>
              Record the interim review as done today
            </Button>
          )}
          {suspended ? (
            <Button onPress={() => send('reinstated')} isPending={record.isPending}>
              Reinstate the certificate
            </Button>
          ) : (
            <Button onPress={() => ask('suspended')}>Suspend…</Button>
          )}
          <Button variant="danger" onPress={() => ask('revoked')}>
            Withdraw…
          </Button>
        </div>
      )}
      {asking && (
        <ConfirmDialog
          isOpen
          role="dialog"
          variant={asking === 'revoked' ? 'danger' : 'primary'}
          onOpenChange={(isOpen) => !isOpen && setAsking(null)}
          title={ASK[asking].title}
          confirmLabel={ASK[asking].confirm}
          isPending={record.isPending}
          pendingLabel="Recording…"
          error={
            reasonProblem
              ? { title: ASK[asking].notDone, message: `Reason: ${reasonProblem}` }
              : record.error
                ? { title: ASK[asking].notDone, message: record.error.message }
                : null
          }
          onConfirm={() => confirm(asking)}
        >
          <p>
            {entry.organisation}, Level {entry.level}, certificate {entry.certificateNumber}.
          </p>
          <p>{ASK[asking].explain}</p>
          <div ref={reasonBox}>
            <TextField
              label="Reason"
              description="Commissioners will read this, so write it plainly."
              isRequired
              autoFocus
              maxLength={500}
              value={reason}
              onChange={(typed) => {
                setReasonMissing(false);
                setReason(typed);
              }}
              errorMessage={reasonProblem}
            />
          </div>
        </ConfirmDialog>
      )}
    </section>
  );
}
