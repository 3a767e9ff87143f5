import { useState } from 'react';
import {
  FEE_ACTIVITIES,
  FEE_ACTIVITY_NAMES,
  MAX_RECEIPTS_IN_CALL_BYTES,
  type FeeActivity,
  type FeeClaim,
} from '../../../../shared/api';
import { shownFileName } from '../../../../shared/hidden-characters';
import { useChange, useRead, useReadOnDemand } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { FileChooser } from '../../ui/FileChooser';
import { downloadPdf, fileToBase64 } from '../../ui/files';
import { formatBytes, formatDate } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useSignedIn } from '../case/useCase';
import './fees.css';
import { useSaveCopy } from './useSaveCopy';

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

function ClaimForm({ caseId, onRecorded }: { caseId: string; onRecorded: (message: string) => void }) {
  const [workedOn, setWorkedOn] = useState(new Date().toISOString().slice(0, 10));
  const [minutes, setMinutes] = useState<Record<FeeActivity, string>>({
    preparation: '',
    visit: '',
    moderation: '',
    report_writing: '',
    travel: '',
  });
  const [miles, setMiles] = useState('');
  const [route, setRoute] = useState('');
  const [expenses, setExpenses] = useState<Expense[]>([]);
  const [sending, setSending] = useState<string | null>(null);
  const [refused, setRefused] = useState<string | null>(null);
  const record = useChange('fees.recordClaim', {
    onSuccess: (claim) => {
      setExpenses([]);
      onRecorded(`Your claim for ${formatDate(claim.workedOn)} is recorded.`);
    },
    onSettled: () => setSending(null),
  });
  const submit = async () => {
    setRefused(null);
    const receiptBytes = expenses.reduce((sum, expense) => sum + expense.receipt.size, 0);
    if (receiptBytes > MAX_RECEIPTS_IN_CALL_BYTES) {
      setRefused(
        `The receipts come to ${formatBytes(receiptBytes)}; one day’s receipts can be up to ${formatBytes(MAX_RECEIPTS_IN_CALL_BYTES)} in all. Scan them at a lower resolution and attach them again.`,
      );
      return;
    }
    let sent;
    try {
      sent = await sendReceipts(expenses, setSending);
    } catch {
      setSending(null);
      setRefused('A receipt could not be read. Check the file is still there and choose it again.');
      return;
    }
    const time = FEE_ACTIVITIES.filter((activity) => minutes[activity].trim() !== '').map((activity) => ({
      activity,
      minutes: wholeNumber(minutes[activity]),
    }));
    record.mutate({
      caseId,
      claim: {
        workedOn,
        time,
        milesTenths: tenthsOfMiles(miles),
        mileageDescription: route,
        expenses: sent,
        notes: '',
      },
    });
  };
  return (
    <section aria-labelledby="claim-heading" className="form">
      <h2 id="claim-heading">Record your claim for a day</h2>
      <TextField label="Day worked" description="Like 2026-03-14." value={workedOn} onChange={setWorkedOn} />
      {FEE_ACTIVITIES.map((activity) => (
        <TextField
          key={activity}
          label={`${FEE_ACTIVITY_NAMES[activity]} (minutes)`}
          inputMode="numeric"
          value={minutes[activity]}
          onChange={(value) => setMinutes((before) => ({ ...before, [activity]: value }))}
        />
      ))}
      <TextField
        label="Miles travelled"
        description="To one decimal place, like 24.6."
        value={miles}
        onChange={setMiles}
      />
      <TextField label="Where from and to" value={route} onChange={setRoute} />
      <ExpenseEntry expenses={expenses} onChange={setExpenses} />
      {sending && (
        <p role="status" className="field-description">
          {sending}
        </p>
      )}
      {refused && <ErrorNotice title="The claim was not recorded" message={refused} />}
      {record.isError && <ErrorNotice title="The claim was not recorded" message={record.error.message} />}
      <Button
        variant="primary"
        isPending={record.isPending || sending !== null}
        pendingLabel="Recording…"
        onPress={() => void submit()}
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

/** Reads each receipt for sending inside the call, saying how far it has got. */
async function sendReceipts(expenses: Expense[], progress: (message: string | null) => void) {
  const sent = [];
  for (const [index, expense] of expenses.entries()) {
    progress(`Reading receipt ${index + 1} of ${expenses.length}: ${shownFileName(expense.receipt.name)}…`);
    sent.push({
      description: expense.description,
      amountPence: expense.amountPence,
      receipt: {
        fileName: expense.receipt.name,
        mediaType: expense.receipt.type || 'application/octet-stream',
        base64: await fileToBase64(expense.receipt),
      },
    });
  }
  progress(expenses.length > 0 ? `Sending the claim with ${expenses.length} receipt(s)…` : null);
  return sent;
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
  const add = () => {
    const amountPence = penceFromPounds(amount);
    if (!description.trim()) return setProblem('Say what the expense was for.');
    if (!Number.isFinite(amountPence) || amountPence === 0)
      return setProblem('Enter the amount in pounds and pence, like 12.50.');
    if (!receipt) return setProblem('Choose the receipt for this expense.');
    if (receipt.size === 0)
      return setProblem(`The receipt “${shownFileName(receipt.name)}” is empty. Choose it again.`);
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
        Receipts up to {formatBytes(MAX_RECEIPTS_IN_CALL_BYTES)} in all for one day’s claim (a photo or a
        PDF).
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
  const receipt = useSaveCopy((files, expense: FeeClaim['expenses'][number]) =>
    files.downloadReceipt(caseId, expense.id, expense.receiptName),
  );
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
                        <li key={expense.id}>
                          {expense.description}, {pounds(expense.amountPence)} — receipt{' '}
                          {shownFileName(expense.receiptName)}{' '}
                          <Button
                            isPending={receipt.isPending && receipt.variables.id === expense.id}
                            onPress={() => receipt.mutate(expense)}
                            aria-label={`Save the receipt ${shownFileName(expense.receiptName)}`}
                          >
                            Save receipt
                          </Button>
                        </li>
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
