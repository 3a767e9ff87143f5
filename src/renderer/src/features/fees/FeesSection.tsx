import { useState } from 'react';
import { FEE_ACTIVITIES, FEE_ACTIVITY_NAMES, type FeeActivity, type FeeClaim } from '../../../../shared/api';
import { useChange, useRead, useReadOnDemand } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { TextField } from '../../ui/fields';
import { downloadPdf } from '../../ui/files';
import { formatDate } from '../../ui/format';
import { Page } from '../../ui/Page';
import { useSignedIn } from '../case/useCase';
import './fees.css';

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
  const record = useChange('fees.recordClaim', {
    onSuccess: (claim) => onRecorded(`Your claim for ${formatDate(claim.workedOn)} is recorded.`),
  });
  const submit = () => {
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
        expenses: [],
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
      {record.isError && <ErrorNotice title="The claim was not recorded" message={record.error.message} />}
      <Button variant="primary" isPending={record.isPending} pendingLabel="Recording…" onPress={submit}>
        Record my claim
      </Button>
    </section>
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
      {claims.length > 0 && (
        <table className="fees-table">
          <caption>Each claim, its time and what it comes to</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Member</th>
              <th scope="col">Time and mileage</th>
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
