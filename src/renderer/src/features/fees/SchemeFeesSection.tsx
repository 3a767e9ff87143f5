import type { FeeRates, FeeSchedule } from '../../../../shared/api';
import { useRead, type Change } from '../../app/operations';
import { useNavigation } from '../../app/navigation';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { CheckedForm } from '../../ui/CheckedForm';
import { CheckedTextField, useCheckedFields } from '../../ui/CheckedTextField';
import { RecordFormEnd } from '../../ui/RecordFormEnd';
import { describeFieldErrors, refusalInWords, type FieldErrors } from '../../ui/formSupport';
import { useFieldChecks } from '../../ui/useFieldChecks';
import { useRecordSave, type ShownRecord } from '../../ui/useShownRecord';
import { useOpenCase } from '../case/useCase';
import { amountProblem, ClaimList, penceFromPounds, pounds } from './FeesSection';
import './fees.css';

/**
 * The Scheme office's Fees section (issue 14 item 5): the scheme's rates and bank details, and the
 * claims of the case file open in this app — waiting ones to approve (the lead's, checked in
 * src/main), statements, the invoice summary and the CSV to download. Claims live in each case
 * file, and this app opens one case file at a time, so this section lists that one case's claims.
 */
export function SchemeFeesSection() {
  const { openCase } = useNavigation();
  return (
    <>
      <section aria-labelledby="open-case-claims-heading">
        <h2 id="open-case-claims-heading">Claims on the open case file</h2>
        <p>
          Claims are kept in each case file, and the app opens one case file at a time. This section lists the
          claims of the case file open now only; to see another case’s claims, open that case file.
        </p>
        {openCase ? (
          <OpenCaseClaims caseId={openCase.caseId} />
        ) : (
          <p>No case file is open. Open a case file to see and approve its claims.</p>
        )}
      </section>
      <FeeScheduleSection />
    </>
  );
}

function OpenCaseClaims({ caseId }: { caseId: string }) {
  const openCase = useOpenCase(caseId);
  const signedIn = openCase.data?.signedIn ?? null;
  const claims = useRead('fees.claims', { caseId }, { enabled: signedIn !== null });
  const { go } = useNavigation();
  if (openCase.isError) return <ErrorNotice message={openCase.error.message} />;
  if (!openCase.data) return <StatusNotice>Reading the open case file…</StatusNotice>;
  return (
    <>
      <p>
        Open case: <strong>{openCase.data.organisation.name}</strong>.{' '}
        {signedIn
          ? signedIn.role === 'lead'
            ? `Signed in as ${signedIn.name}, the lead assessor: you may approve claims.`
            : `Signed in as ${signedIn.name}. Only the lead assessor approves claims; you see your own.`
          : 'Nobody is signed in to this case. The lead assessor signs in to the case to approve its claims.'}
      </p>
      {!signedIn && (
        <Button onPress={() => go({ name: 'case', caseId, section: 'panel' })}>
          Go to the case to sign in
        </Button>
      )}
      {claims.isError && <ErrorNotice message={claims.error.message} />}
      {claims.data && signedIn && (
        <ClaimList
          caseId={caseId}
          claims={claims.data}
          isLead={signedIn.role === 'lead'}
          me={signedIn.memberId}
        />
      )}
    </>
  );
}

function FeeScheduleSection() {
  const schedule = useRead('fees.schedule', {});
  return (
    <section aria-labelledby="fee-schedule-heading">
      <h2 id="fee-schedule-heading">Fee rates and bank details</h2>
      {schedule.isError && <ErrorNotice message={schedule.error.message} />}
      {schedule.isPending && <StatusNotice>Reading the fee rates…</StatusNotice>}
      {schedule.isSuccess && <FeeScheduleForm schedule={schedule.data} />}
    </section>
  );
}

/** The schedule, refused if another tab (or person) changed it after this page showed it. */
const SCHEDULE_LABELS = {
  dayRatePence: 'Day rate (£)',
  halfDayRatePence: 'Half-day rate (£)',
  hourlyRatePence: 'Hourly rate (£)',
  mileagePencePerMile: 'Mileage rate per mile (£)',
  payee: 'Payments are made to',
  bank: 'Bank',
  sortCode: 'Sort code',
  accountNumber: 'Account number',
};

/** The rates as typed that are not amounts in pounds and pence, by field. */
function rateProblems(rates: Record<keyof FeeRates, string>): FieldErrors {
  const problems: FieldErrors = {};
  for (const [name, typed] of Object.entries(rates)) {
    const problem = amountProblem(typed, name === 'mileagePencePerMile' ? '0.45' : '100.00');
    if (problem) problems[name] = problem;
  }
  return problems;
}

function FeeScheduleForm({ schedule }: { schedule: FeeSchedule | null }) {
  const save = useRecordSave('fees.setSchedule', schedule, (now): FeeSchedule | null => now);
  return <FeeScheduleFields key={save.shown.key} {...save} />;
}

function FeeScheduleFields({
  shown,
  change: save,
  saved,
  onEdit,
}: {
  shown: ShownRecord<FeeSchedule | null>;
  change: Change<'fees.setSchedule'>;
  saved: boolean;
  onEdit: () => void;
}) {
  const schedule = shown.record;
  const amount = (pence: number | undefined) =>
    pence === undefined ? '' : pounds(pence).slice(1).replace(/,/g, '');
  const checks = useFieldChecks();
  // Keyed as the contract names them (rates.dayRatePence, bank.payee), so the app's own problems
  // with a field are shown beside it.
  const fields = useCheckedFields(
    {
      dayRatePence: amount(schedule?.rates.dayRatePence),
      halfDayRatePence: amount(schedule?.rates.halfDayRatePence),
      hourlyRatePence: amount(schedule?.rates.hourlyRatePence),
      mileagePencePerMile: amount(schedule?.rates.mileagePencePerMile),
      payee: schedule?.bank.payee ?? '',
      bank: schedule?.bank.bank ?? '',
      sortCode: schedule?.bank.sortCode ?? '',
      accountNumber: schedule?.bank.accountNumber ?? '',
    },
    checks,
    onEdit,
  );
  const errors = { ...checks.errors(save.error, 'rates.'), ...checks.errors(save.error, 'bank.') };
  const field = (name: keyof typeof fields.values, description?: string) => (
    <CheckedTextField
      fields={fields}
      errors={errors}
      name={name}
      label={SCHEDULE_LABELS[name]}
      {...(description ? { description } : {})}
    />
  );
  const typed = fields.values;
  const rates = {
    dayRatePence: typed.dayRatePence,
    halfDayRatePence: typed.halfDayRatePence,
    hourlyRatePence: typed.hourlyRatePence,
    mileagePencePerMile: typed.mileagePencePerMile,
  };
  const refusal =
    Object.keys(checks.checked).length > 0
      ? describeFieldErrors(checks.checked, SCHEDULE_LABELS)
      : save.isError
        ? refusalInWords(save.error, errors, SCHEDULE_LABELS)
        : null;
  return (
    <CheckedForm
      checks={checks}
      check={() => rateProblems(rates)}
      send={() =>
        save.mutate({
          rates: {
            dayRatePence: penceFromPounds(rates.dayRatePence),
            halfDayRatePence: penceFromPounds(rates.halfDayRatePence),
            hourlyRatePence: penceFromPounds(rates.hourlyRatePence),
            mileagePencePerMile: penceFromPounds(rates.mileagePencePerMile),
          },
          bank: {
            payee: typed.payee,
            bank: typed.bank,
            sortCode: typed.sortCode,
            accountNumber: typed.accountNumber,
          },
          savedBefore: shown.record,
        })
      }
      change={save}
    >
      <p>
        {schedule
          ? 'Claims are approved at these rates; an approved claim keeps the rates it was approved at.'
          : 'No rates are set yet, so no claim can be approved. Set them here.'}
      </p>
      {field('dayRatePence', 'Like 100.00.')}
      {field('halfDayRatePence')}
      {field('hourlyRatePence')}
      {field('mileagePencePerMile', 'Like 0.45.')}
      {field('payee')}
      {field('bank')}
      {field('sortCode', 'Like 12-34-56.')}
      {field('accountNumber', '8 digits.')}
      <RecordFormEnd
        refusal={refusal === null ? null : { title: 'The rates were not saved', message: refusal }}
        shown={shown}
        savedMessage={saved ? 'The fee rates and bank details are saved.' : null}
        isPending={save.isPending}
        submitLabel="Save the fee rates"
      />
    </CheckedForm>
  );
}
