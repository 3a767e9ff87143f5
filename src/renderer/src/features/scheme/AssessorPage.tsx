import { useState } from 'react';
import {
  personName,
  textLimit,
  type Assessor,
  type AssessorFields,
  type TrainingRecord,
} from '../../../../shared/api';
import { shownFileName } from '../../../../shared/hidden-characters';
import { useConnectedClient } from '../../app/client-context';
import { useChange, useRead } from '../../app/operations';
import { useNavigation } from '../../app/navigation';
import { Button } from '../../ui/Button';
import { CheckedForm } from '../../ui/CheckedForm';
import { ErrorNotice, ProgressBar, StatusNotice } from '../../ui/feedback';
import { FileChooser } from '../../ui/FileChooser';
import { CheckedTextField, useCheckedFields } from '../../ui/CheckedTextField';
import { whyNotSent } from '../../ui/files';
import { formatBytes, formatDate } from '../../ui/format';
import { refusalInWords, todayIso } from '../../ui/formSupport';
import type { FieldErrors } from '../../ui/formSupport';
import { useFieldChecks } from '../../ui/useFieldChecks';
import { useRecordSave } from '../../ui/useShownRecord';
import { useSaveCopy } from '../../app/useSaveCopy';
import { AssessorForm } from './AssessorForm';
import { ROLE_NAMES, TRAINING_LABELS, trainingInWords } from './trainingWords';

/** One person's page: their details (to change), their training, and recording a course they attended. */
export function AssessorPage({ assessorId }: { assessorId: string }) {
  const { go } = useNavigation();
  const assessors = useRead('scheme.assessors', {});
  const assessor = assessors.data?.find((a) => a.id === assessorId);
  const backToList = (
    <Button onPress={() => go({ name: 'scheme', section: 'assessors' })}>Back to the directory</Button>
  );
  if (assessors.isPending) return <p role="status">Reading the directory…</p>;
  if (assessors.isError) return <ErrorNotice message={assessors.error.message} />;
  if (!assessor)
    return (
      <>
        <ErrorNotice message="That person is no longer in the directory." />
        {backToList}
      </>
    );
  return (
    <>
      {backToList}
      <section aria-labelledby="assessor-heading">
        <h2 id="assessor-heading">{assessor.name}</h2>
        <p>{assessor.roles.map((role) => ROLE_NAMES[role]).join(', ')}</p>
        <p>
          <span className={`training-state training-state-${assessor.training.state}`}>
            {TRAINING_LABELS[assessor.training.state]}.
          </span>{' '}
          {trainingInWords(assessor.training)}
        </p>
      </section>
      <TrainingRecords assessorId={assessor.id} name={assessor.name} />
      <RecordTrainingForm assessorId={assessor.id} name={assessor.name} />
      <AssessorDetails assessor={assessor} />
    </>
  );
}

/** A person's details as their form shows them (no answer shown as empty). */
function assessorFieldsOf(assessor: Assessor): AssessorFields {
  return {
    name: assessor.name,
    roles: assessor.roles,
    email: assessor.email ?? '',
    phone: assessor.phone ?? '',
    consentToBeNamed: assessor.consentToBeNamed,
    signingKeyId: assessor.signingKeyId ?? '',
  };
}

/** Changing a person's details, refused if another tab (or person) changed them meanwhile. */
function AssessorDetails({ assessor }: { assessor: Assessor }) {
  const {
    change: edit,
    shown,
    saved,
    onEdit,
  } = useRecordSave('scheme.editAssessor', assessorFieldsOf(assessor), assessorFieldsOf);
  return (
    <section aria-label="Details">
      <AssessorForm
        key={shown.key}
        heading={`Change ${assessor.name}’s details`}
        submitLabel="Save the details"
        initial={shown.record}
        change={edit}
        shown={shown}
        send={(fields) => {
          onEdit();
          edit.mutate({ assessorId: assessor.id, assessor: fields, savedBefore: shown.record });
        }}
        savedMessage={saved && edit.data ? `${edit.data.name}’s details were saved.` : undefined}
      />
    </section>
  );
}

function TrainingRecords({ assessorId, name }: { assessorId: string; name: string }) {
  const records = useRead('scheme.trainingRecords', { assessorId });
  const certificate = useSaveCopy((files, record: TrainingRecord) =>
    files.downloadAttendanceCertificate(record.id, record.certificate?.name ?? 'certificate-of-attendance'),
  );
  return (
    <section aria-labelledby="training-heading">
      <h2 id="training-heading">Training</h2>
      {records.isPending && <p role="status">Reading the training records…</p>}
      {records.isError && <ErrorNotice message={records.error.message} />}
      {certificate.isError && (
        <ErrorNotice title="The certificate was not saved" message={certificate.error.message} />
      )}
      {records.data && records.data.length === 0 && <p>No course is recorded for {name} yet.</p>}
      {records.data && records.data.length > 0 && (
        <ul className="plain-list" aria-label={`Courses ${name} attended`}>
          {records.data.map((record) => (
            <li key={record.id} className="list-row">
              <div>
                <p className="list-row-title">{record.course}</p>
                <p className="list-row-detail">
                  Attended {formatDate(record.attendedOn)}, trained by {record.trainer}.
                </p>
                <p className="list-row-detail">
                  {record.certificate
                    ? `Certificate of attendance: ${record.certificate.name} (${formatBytes(record.certificate.sizeBytes)}), kept in the scheme file.`
                    : 'No certificate of attendance kept.'}
                </p>
                {record.certificate && (
                  <Button
                    isPending={certificate.isPending && certificate.variables.id === record.id}
                    onPress={() => certificate.mutate(record)}
                    aria-label={`Save the certificate of attendance for ${record.course}, ${shownFileName(record.certificate.name)}`}
                  >
                    Save the certificate
                  </Button>
                )}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const TRAINING_LABELS_BY_FIELD: Record<string, string> = {
  course: 'Course',
  attendedOn: 'Date attended',
  trainer: 'Trainer',
  certificate: 'Certificate of attendance',
};

function RecordTrainingForm({ assessorId, name }: { assessorId: string; name: string }) {
  const checks = useFieldChecks();
  const [recorded, setRecorded] = useState<string | undefined>();
  const fields = useCheckedFields({ course: '', attendedOn: todayIso(), trainer: '' }, checks, () =>
    setRecorded(undefined),
  );
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const { client, files } = useConnectedClient();
  const record = useChange('scheme.recordTraining', {
    prepare: (_press: null) => ({
      training: { assessorId, ...fields.values, attendedOn: fields.values.attendedOn.trim() },
    }),
    // The certificate goes as the file itself (streamed in browser mode, by path in the desktop
    // app); the course and its certificate are kept together, or neither is.
    send: ({ training }) => {
      if (!file) return client.call('scheme.recordTraining', { training });
      setProgress({ sent: 0, total: file.size });
      return files.recordTraining(training, file, (sent, total) => setProgress({ sent, total }));
    },
    onSettled: () => setProgress(null),
    onSuccess: (saved) => {
      setRecorded(
        saved.certificate
          ? `Recorded “${saved.course}” for ${name}, with the certificate ${shownFileName(saved.certificate.name)} (${formatBytes(saved.certificate.sizeBytes)}). Saved.`
          : `Recorded “${saved.course}” for ${name}. Saved.`,
      );
      fields.reset({ ...fields.values, course: '' });
      setFile(null);
    },
  });
  const errors = checks.errors(record.error, 'training.');
  const refusal = record.error ? refusalInWords(record.error, errors, TRAINING_LABELS_BY_FIELD) : '';
  return (
    <section aria-labelledby="record-training-heading">
      <CheckedForm
        checks={checks}
        check={(): FieldErrors => {
          const why = file && whyNotSent(file, 'certificate of attendance');
          return why ? { certificate: why } : {};
        }}
        send={() => record.mutate(null)}
        change={record}
        aria-labelledby="record-training-heading"
      >
        <h3 id="record-training-heading">Record a course {name} attended</h3>
        <CheckedTextField
          fields={fields}
          errors={errors}
          name="course"
          label="Course"
          isRequired
          maxLength={200}
        />
        <CheckedTextField
          fields={fields}
          errors={errors}
          name="attendedOn"
          label="Date attended"
          description="Written like 2026-03-14 (year, month, day)."
          isRequired
          inputMode="numeric"
        />
        <CheckedTextField
          fields={fields}
          errors={errors}
          name="trainer"
          label="Trainer"
          isRequired
          maxLength={textLimit(personName)}
        />
        <FileChooser
          label="Certificate of attendance (optional)"
          hint="A PDF or a scan, up to 100 MB. It is kept encrypted in the scheme file."
          buttonLabel="Choose the certificate"
          chosen={file}
          onFile={(chosen) => {
            checks.clear('certificate');
            setFile(chosen);
          }}
        />
        {checks.checked.certificate && (
          <ErrorNotice title="The certificate was not sent" message={checks.checked.certificate} />
        )}
        {progress && (
          <ProgressBar
            label="Sending the certificate of attendance"
            value={progress.sent}
            total={progress.total}
          />
        )}
        {refusal && <ErrorNotice title="The course was not recorded" message={refusal} />}
        {recorded && <StatusNotice tone="success">{recorded}</StatusNotice>}
        <Button type="submit" variant="primary" isPending={record.isPending} pendingLabel="Recording…">
          Record the course
        </Button>
      </CheckedForm>
    </section>
  );
}
