import { useState } from 'react';
import {
  FEE_ACTIVITIES,
  FEE_ACTIVITY_NAMES,
  type FeeActivity,
  type FeeClaim,
  type Result,
} from '../../../../shared/api';
import { shownFileName } from '../../../../shared/hidden-characters';
import { useConnectedClient } from '../../app/client-context';
import { shownMemberIn, useChange, useRead, useReadOnDemand, type SentToCase } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ErrorNotice, ProgressBar, StatusNotice } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { FileChooser } from '../../ui/FileChooser';
import { downloadPdf, whyNotSent } from '../../ui/files';
import { formatBytes, formatDate } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useSignedIn } from '../case/useCase';
import './fees.css';
import { useSaveCopy } from '../../app/useSaveCopy';
import { useUnsavedWords } from '../../ui/leaveWarning';

/**
 * Time and fees on a case (issue 14 item 4): each member records their own day's time and mileage;
 * the lead approves each claim at the scheme's rates and downloads the statements, the invoice
 * summary and the CSV. Amounts are whole pence from the app; this screen only shows them.
 */

export function pounds(pence: number | null): string {
  if (pence === null) return 'priced when approved';
  return `£${Math.floor(pence / 100).toLocaleString('en-GB')}.${String(pence % 100).padStart(2, '0')}`;
}

function wholeNumber(text: string): number {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : text.trim() === '' ? 0 : Number.NaN;
}

/** Pounds and pence as typed ("100", "97.50", "£0.45") in whole pence; NaN when it is not an amount. */
export function penceFromPounds(text: string): number {
  const match = /^£?\s*(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim());
  return match ? Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0')) : Number.NaN;
}

/** What is wrong with an amount as typed ("1,000.00", "12.345", "-5"), or null when it is an amount. */
export function amountProblem(text: string, example = '100.00'): string | null {
  return Number.isFinite(penceFromPounds(text))
    ? null
    : `Write the amount in pounds and pence, like ${example}.`;
}

function tenthsOfMiles(text: string): number {
  const match = /^(\d{1,5})(?:\.(\d))?$/.exec(text.trim());
  if (text.trim() === '') return 0;
  return match ? Number(match[1]) * 10 + Number(match[2] ?? '0') : Number.NaN;
}

export function FeesSection({ caseId }: { caseId: string }) {
  const signedIn = useSignedIn(caseId);
  const claims = useRead('fees.claims', { caseId }, { enabled: signedIn !== null });
  const [recorded, setRecorded] = useState<string | null>(null);
  return (
    <Page
      title="Time and fees"
      intro={
        <p>
          Record your own time and mileage for each day you work on this case. The lead assessor approves each
          claim at the scheme’s rates. The app records and explains; it pays nothing.
        </p>
      }
    >
      {!signedIn && <p>Sign in to the case to record or see claims.</p>}
      {recorded && <StatusNotice tone="success">{recorded}</StatusNotice>}
      {signedIn && <ClaimForm caseId={caseId} onRecorded={setRecorded} />}
      {claims.isError && <ErrorNotice message={claims.error.message} />}
      {claims.data && (
        <ClaimList
          caseId={caseId}
          claims={claims.data}
          isLead={signedIn?.role === 'lead'}
          me={signedIn?.memberId}
        />
      )}
    </Page>
  );
}

/** A claim being entered: the day, minutes per activity and the mileage as typed, and the expenses. */
interface ClaimDraft {
  workedOn: string;
  minutes: Record<FeeActivity, string>;
  miles: string;
  route: string;
  expenses: Expense[];
}

function emptyClaim(): ClaimDraft {
  return {
    workedOn: new Date().toISOString().slice(0, 10),
    minutes: { preparation: '', visit: '', moderation: '', report_writing: '', travel: '' },
    miles: '',
    route: '',
    expenses: [],
  };
}

/** Whether the member has entered anything on the claim (the day alone is not a claim). */
function hasClaimWords({ minutes, miles, route, expenses }: ClaimDraft): boolean {
  return (
    FEE_ACTIVITIES.some((activity) => minutes[activity].trim() !== '') ||
    miles.trim() !== '' ||
    route.trim() !== '' ||
    expenses.length > 0
  );
}

/**
 * The member's claim for a day. What they entered counts as unsaved (leaving the page asks first)
 * until the claim is recorded, also while a refused claim is on show; once recorded the time,
 * mileage and expenses empty for the next claim.
 */
function ClaimForm({ caseId, onRecorded }: { caseId: string; onRecorded: (message: string) => void }) {
  const [draft, setDraft] = useState(emptyClaim);
  const { workedOn, minutes, miles, route, expenses } = draft;
  const edit =
    <K extends keyof ClaimDraft>(key: K) =>
    (value: ClaimDraft[K]) =>
      setDraft((before) => ({ ...before, [key]: value }));
  useUnsavedWords(hasClaimWords(draft));
  const [notSent, setNotSent] = useState<string | null>(null);
  const { client } = useConnectedClient();
  const { progress, sendReceipt } = useReceiptUpload();
  // The claim is recorded first, naming its receipts; then each receipt follows as a file of its
  // own (streamed in browser mode, by path in the desktop app), with a progress bar. A receipt that
  // does not arrive leaves the claim waiting for it, and it can be sent again from the list.
  const record = useChange('fees.recordClaim', {
    prepare: (_press: null) => {
      const time = FEE_ACTIVITIES.filter((activity) => minutes[activity].trim() !== '').map((activity) => ({
        activity,
        minutes: wholeNumber(minutes[activity]),
      }));
      return {
        caseId,
        claim: {
          workedOn,
          time,
          milesTenths: tenthsOfMiles(miles),
          mileageDescription: route,
          expenses: expenses.map((expense) => ({
            description: expense.description,
            amountPence: expense.amountPence,
            receipt: {
              fileName: expense.receipt.name,
              mediaType: expense.receipt.type || 'application/octet-stream',
              sizeBytes: expense.receipt.size,
            },
          })),
          notes: '',
        },
      };
    },
    send: async (input) => {
      setNotSent(null);
      const recorded = await client.call('fees.recordClaim', input);
      if (!recorded.ok) return recorded;
      let claim = recorded.value;
      for (const [index, expense] of expenses.entries()) {
        const kept = claim.expenses[index];
        if (!kept) break;
        const sent = await sendReceipt(
          { caseId, expenseId: kept.id, signedInAs: shownMemberIn(input) },
          expense.receipt,
          `${index + 1} of ${expenses.length}`,
        );
        if (!sent.ok) {
          setNotSent(
            `Your claim is recorded, but the receipt ${shownFileName(expense.receipt.name)} did not arrive: ${sent.error.message} Send it again from your claims below; the lead can approve the claim once it is here.`,
          );
          break;
        }
        claim = sent.value;
      }
      return { ok: true, value: claim };
    },
    onSuccess: (claim) => {
      // The day stays, for a member recording several days in a row from it.
      setDraft((before) => ({ ...emptyClaim(), workedOn: before.workedOn }));
      onRecorded(`Your claim for ${formatDate(claim.workedOn)} is recorded. Saved.`);
    },
  });
  return (
    <section aria-labelledby="claim-heading" className="form">
      <h2 id="claim-heading">Record your claim for a day</h2>
      <TextField
        label="Day worked"
        description="Like 2026-03-14."
        value={workedOn}
        onChange={edit('workedOn')}
      />
      {FEE_ACTIVITIES.map((activity) => (
        <TextField
          key={activity}
          label={`${FEE_ACTIVITY_NAMES[activity]} (minutes)`}
          inputMode="numeric"
          value={minutes[activity]}
          onChange={(value) => edit('minutes')({ ...minutes, [activity]: value })}
        />
      ))}
      <TextField
        label="Miles travelled"
        description="To one decimal place, like 24.6."
        value={miles}
        onChange={edit('miles')}
      />
      <TextField label="Where from and to" value={route} onChange={edit('route')} />
      <ExpenseEntry expenses={expenses} onChange={edit('expenses')} />
      {progress && <ProgressBar label={progress.label} value={progress.sent} total={progress.total} />}
      {notSent && <ErrorNotice title="A receipt did not arrive" message={notSent} />}
      {record.isError && <ErrorNotice title="The claim was not recorded" message={record.error.message} />}
      <Button
        variant="primary"
        isPending={record.isPending}
        pendingLabel="Recording…"
        onPress={() => record.mutate(null)}
      >
        Record my claim
      </Button>
    </section>
  );
}

/** An expense being entered, with the receipt the member chose. */
interface Expense {
  description: string;
  amountPence: number;
  receipt: File;
}

/**
 * Sends receipts named on the signed-in member's claims, one at a time, with the progress of the
 * one on its way (for the progress bar). Refused over 100 MB or empty before a byte is sent.
 */
function useReceiptUpload() {
  const { files } = useConnectedClient();
  const [progress, setProgress] = useState<{ label: string; sent: number; total: number } | null>(null);
  const sendReceipt = async (
    to: SentToCase & { expenseId: string },
    file: File,
    which = '',
  ): Promise<Result<FeeClaim>> => {
    const why = whyNotSent(file, 'receipt');
    if (why) return { ok: false, error: { code: 'INVALID_INPUT', message: why } };
    const label = `Sending the receipt ${which ? `${which}, ` : ''}${shownFileName(file.name)}`;
    setProgress({ label, sent: 0, total: file.size });
    try {
      return await files.attachReceipt(to, file, (sent, total) => setProgress({ label, sent, total }));
    } finally {
      setProgress(null);
    }
  };
  return { progress, sendReceipt };
}

/** Adds expenses, each with its receipt (an image or PDF), to the claim being entered. */
function ExpenseEntry({
  expenses,
  onChange,
}: {
  expenses: Expense[];
  onChange: (expenses: Expense[]) => void;
}) {
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState('');
  const [receipt, setReceipt] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useUnsavedWords(description.trim() !== '' || amount.trim() !== '' || receipt !== null);
  const add = () => {
    const amountPence = penceFromPounds(amount);
    if (!description.trim()) return setProblem('Say what the expense was for.');
    const notAnAmount = amountProblem(amount, '12.50');
    if (notAnAmount) return setProblem(notAnAmount);
    if (amountPence === 0)
      return setProblem('An expense cannot be zero: enter the amount in pounds and pence.');
    if (!receipt) return setProblem('Choose the receipt for this expense.');
    const why = whyNotSent(receipt, 'receipt');
    if (why) return setProblem(why);
    setProblem(null);
    onChange([...expenses, { description: description.trim(), amountPence, receipt }]);
    setDescription('');
    setAmount('');
    setReceipt(null);
  };
  return (
    <fieldset className="fees-expense">
      <legend>Expenses with receipts</legend>
      <p className="field-description">
        A photo or a PDF of each receipt, up to 100 MB each. They are sent after the claim is recorded, and
        kept encrypted in the case file.
      </p>
      {expenses.length > 0 && (
        <ul aria-label="Expenses to claim">
          {expenses.map((expense, index) => (
            <li key={index}>
              {expense.description}, {pounds(expense.amountPence)} — receipt{' '}
              {shownFileName(expense.receipt.name)} ({formatBytes(expense.receipt.size)}){' '}
              <Button
                aria-label={`Remove the expense ${expense.description}`}
                onPress={() => onChange(expenses.filter((_, other) => other !== index))}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <TextField
        label="Expense"
        description="What it was for, like “Parking”."
        value={description}
        onChange={setDescription}
      />
      <TextField label="Expense amount (£)" description="Like 12.50." value={amount} onChange={setAmount} />
      <FileChooser
        label="Receipt"
        buttonLabel="Choose the receipt"
        acceptedFileTypes={['image/png', 'image/jpeg', 'application/pdf']}
        chosen={receipt}
        onFile={setReceipt}
      />
      {problem && <ErrorNotice title="The expense was not added" message={problem} />}
      <Button onPress={add}>Add this expense</Button>
    </fieldset>
  );
}

type ClaimExpense = FeeClaim['expenses'][number];

function useSaveReceipt(caseId: string) {
  return useSaveCopy((files, expense: ClaimExpense) =>
    files.downloadReceipt(caseId, expense.id, expense.receiptName),
  );
}

/** One expense on a claim: its receipt to save, or (not arrived yet) to send again by its member. */
function ExpenseLine({
  caseId,
  claim,
  expense,
  mine,
  saveCopy,
}: {
  caseId: string;
  claim: FeeClaim;
  expense: ClaimExpense;
  mine: boolean;
  saveCopy: ReturnType<typeof useSaveReceipt>;
}) {
  const receiptName = shownFileName(expense.receiptName);
  return (
    <li>
      {expense.description}, {pounds(expense.amountPence)} — receipt {receiptName}{' '}
      {expense.receiptSha256 === null ? (
        mine && claim.state === 'recorded' ? (
          <SendReceiptAgain caseId={caseId} expense={expense} />
        ) : (
          <strong>(not arrived yet)</strong>
        )
      ) : (
        <>
          ({formatBytes(expense.receiptSizeBytes)}){' '}
          <Button
            isPending={saveCopy.isPending && saveCopy.variables.id === expense.id}
            onPress={() => saveCopy.mutate(expense)}
            aria-label={`Save the receipt ${receiptName}`}
          >
            Save receipt
          </Button>
        </>
      )}
    </li>
  );
}

/** A receipt named on the member's own claim that has not arrived: choose it and send it again. */
function SendReceiptAgain({ caseId, expense }: { caseId: string; expense: ClaimExpense }) {
  const { progress, sendReceipt } = useReceiptUpload();
  const send = useChange('fees.attachReceipt', {
    prepare: (file: File) => ({ caseId, expenseId: expense.id, sizeBytes: file.size }),
    send: (input, file) =>
      sendReceipt({ caseId, expenseId: expense.id, signedInAs: shownMemberIn(input) }, file),
  });
  return (
    <>
      <strong>(not arrived yet)</strong>
      <FileChooser
        label={`Receipt for “${expense.description}”`}
        buttonLabel="Send the receipt again"
        acceptedFileTypes={['image/png', 'image/jpeg', 'application/pdf']}
        onFile={(file) => send.mutate(file)}
      />
      {progress && <ProgressBar label={progress.label} value={progress.sent} total={progress.total} />}
      {send.isError && <ErrorNotice title="The receipt did not arrive" message={send.error.message} />}
    </>
  );
}

/** The finance office's CSV, saved through the browser's download. */
function downloadCsv(text: string, fileName: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A case's claims, with the lead's approvals and downloads (the case's Time and fees, and the Scheme office's Fees). */
export function ClaimList({
  caseId,
  claims,
  isLead,
  me,
}: {
  caseId: string;
  claims: FeeClaim[];
  isLead: boolean;
  me: string | undefined;
}) {
  const approve = useChange('fees.approve');
  const statement = useReadOnDemand('fees.statement', {
    onSuccess: (file) => downloadPdf(file.base64, file.fileName),
  });
  const invoice = useReadOnDemand('fees.invoice', {
    onSuccess: (file) => downloadPdf(file.base64, file.fileName),
  });
  const csv = useReadOnDemand('fees.csv', { onSuccess: (file) => downloadCsv(file.text, file.fileName) });
  const receipt = useSaveReceipt(caseId);
  const waiting = claims.filter((claim) => claim.state === 'recorded').length;
  return (
    <section aria-labelledby="claims-heading">
      <h2 id="claims-heading">{isLead ? 'Claims on this case' : 'Your claims'}</h2>
      {claims.length === 0 ? (
        <p>No claims yet.</p>
      ) : (
        <p>
          {waiting === 0
            ? 'No claim is waiting for approval.'
            : `${waiting} ${waiting === 1 ? 'claim is' : 'claims are'} waiting for approval.`}
        </p>
      )}
      {approve.isError && <ErrorNotice title="The claim was not approved" message={approve.error.message} />}
      {statement.isError && <ErrorNotice message={statement.error.message} />}
      {invoice.isError && <ErrorNotice message={invoice.error.message} />}
      {csv.isError && <ErrorNotice message={csv.error.message} />}
      {receipt.isError && <ErrorNotice title="The receipt was not saved" message={receipt.error.message} />}
      {claims.length > 0 && (
        <table className="fees-table">
          <caption>Each claim, its time and what it comes to</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Member</th>
              <th scope="col">Time, mileage and expenses</th>
              <th scope="col">Total</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {claims.map((claim) => (
              <tr key={claim.id}>
                <th scope="row">{formatDate(claim.workedOn)}</th>
                <td>{claim.memberName}</td>
                <td>
                  {claim.time
                    .map((line) => `${FEE_ACTIVITY_NAMES[line.activity]} ${line.minutes} min`)
                    .join(', ')}
                  {claim.milesTenths > 0 ? `; ${claim.milesTenths / 10} miles` : ''}
                  {claim.expenses.length > 0 && (
                    <ul aria-label={`Expenses on ${formatDate(claim.workedOn)}`}>
                      {claim.expenses.map((expense) => (
                        <ExpenseLine
                          key={expense.id}
                          caseId={caseId}
                          claim={claim}
                          expense={expense}
                          mine={claim.memberId === me}
                          saveCopy={receipt}
                        />
                      ))}
                    </ul>
                  )}
                </td>
                <td>{pounds(claim.totalPence)}</td>
                <td>
                  {claim.state === 'approved' ? 'Approved' : 'Waiting for approval'}
                  {isLead && claim.state === 'recorded' && (
                    <Button
                      isPending={approve.isPending}
                      onPress={() => approve.mutate({ caseId, claimId: claim.id })}
                      aria-label={`Approve ${claim.memberName}’s claim for ${formatDate(claim.workedOn)}`}
                    >
                      Approve
                    </Button>
                  )}
                  {claim.state === 'approved' && (isLead || claim.memberId === me) && (
                    <Button
                      onPress={() => statement.mutate({ caseId, memberId: claim.memberId })}
                      aria-label={`Download ${claim.memberName}’s fee statement`}
                    >
                      Fee statement
                    </Button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {isLead && claims.some((claim) => claim.state === 'approved') && (
        <div className="fees-downloads">
          <Button onPress={() => invoice.mutate({ caseId })}>Download the invoice summary</Button>
          <Button onPress={() => csv.mutate({ caseId })}>Download the CSV for the finance office</Button>
        </div>
      )}
    </section>
  );
}
