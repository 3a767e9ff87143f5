import { useState } from 'react';
import type { RegisterEntry } from '../../../../shared/api';
import { unusableFile } from '../../../../shared/file-words';
import { useNavigation } from '../../app/navigation';
import { useChange, useRead } from '../../app/operations';
import { ApiCallError, useConnectedClient } from '../../app/client-context';
import { Button } from '../../ui/Button';
import { ErrorNotice, ProgressBar, StatusNotice } from '../../ui/feedback';
import { FileChooser } from '../../ui/FileChooser';
import { ChoiceGroup, TextField } from '../../ui/fields';
import { asSentence } from '../../../../shared/sentences';
import { SchemeReadGate } from '../scheme/SchemeReadGate';
import { CertificatePage } from './CertificatePage';
import { RegisterExport } from './RegisterExport';
import {
  inWords,
  matchesSearch,
  needsAttention,
  statusHeadline,
  STATUS_FILTERS,
  type StatusFilter,
} from './registerWords';
import './register.css';

/**
 * The register of certificates (issue 15): every certificate the scheme issued, searched by
 * organisation, number and status; a certificate's own page; adding one from its signed PDF or from
 * the open case file; and the signed register and revocation list to download.
 */
export function RegisterSection() {
  const [open, setOpen] = useState<string | null>(null);
  if (open) return <CertificatePage certificateNumber={open} onBack={() => setOpen(null)} />;
  return (
    <>
      <RegisterList onOpen={setOpen} />
      <AddCertificate onOpen={setOpen} />
      <RegisterExport />
    </>
  );
}

function RegisterList({ onOpen }: { onOpen: (certificateNumber: string) => void }) {
  const register = useRead('register.list', {});
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<StatusFilter>('all');
  return (
    <section aria-labelledby="register-heading">
      <h2 id="register-heading">Certificates in the register</h2>
      <SchemeReadGate reads={[register]} loading="Reading the register…">
        {({ asOf, entries }) => {
          const shown = entries.filter((entry) => matchesSearch(entry, search, filter));
          return (
            <>
              <p>
                Each certificate’s status as of {inWords(asOf)}, worked out from its dates and what the scheme
                office has recorded.
              </p>
              <div className="register-search">
                <TextField
                  label="Search by organisation or certificate number"
                  type="search"
                  maxLength={200}
                  value={search}
                  onChange={setSearch}
                />
                <ChoiceGroup
                  label="Status"
                  orientation="horizontal"
                  choices={Object.entries(STATUS_FILTERS).map(([value, { label }]) => ({
                    value: value as StatusFilter,
                    label,
                  }))}
                  value={filter}
                  onChange={setFilter}
                />
              </div>
              <p role="status" className="register-count">
                {entries.length === 0
                  ? 'The register is empty. Add a certificate below.'
                  : `Showing ${shown.length} of ${entries.length} certificate${entries.length === 1 ? '' : 's'}.`}
              </p>
              {shown.length > 0 && (
                <ul className="plain-list" aria-label="Certificates">
                  {shown.map((entry) => (
                    <RegisterRow key={entry.certificateNumber} entry={entry} onOpen={onOpen} />
                  ))}
                </ul>
              )}
            </>
          );
        }}
      </SchemeReadGate>
    </section>
  );
}

function RegisterRow({ entry, onOpen }: { entry: RegisterEntry; onOpen: (number: string) => void }) {
  const attention = needsAttention(entry.status.state);
  return (
    <li className="list-row">
      <div>
        <p className="list-row-title">{entry.organisation}</p>
        <p className="list-row-detail">
          Level {entry.level} · certificate {entry.certificateNumber}
        </p>
        <p className={`list-row-detail register-status${attention ? ' register-status-attention' : ''}`}>
          {attention && <span aria-hidden="true">⚠ </span>}
          {asSentence(statusHeadline(entry.status))}
        </p>
      </div>
      <Button onPress={() => onOpen(entry.certificateNumber)}>
        Open <span className="visually-hidden">certificate {entry.certificateNumber}</span>
      </Button>
    </li>
  );
}

/** A certificate enters the register only after the verifier passes it: from its PDF, or from the open case. */
function AddCertificate({ onOpen }: { onOpen: (certificateNumber: string) => void }) {
  const { files } = useConnectedClient();
  const { openCase } = useNavigation();
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const upload = useChange('register.importCertificate', {
    prepare: (file: File) => {
      const problem = unusableFile(file, 'a certificate');
      if (problem) throw new ApiCallError({ code: 'INVALID_INPUT', message: problem });
      setProgress({ sent: 0, total: file.size });
      return { fileName: file.name, sizeBytes: file.size };
    },
    send: (_input, file) => files.importCertificate(file, (sent, total) => setProgress({ sent, total })),
    onSettled: () => setProgress(null),
  });
  const fromCase = useChange('register.importFromCase');
  return (
    <section aria-labelledby="add-certificate-heading">
      <h2 id="add-certificate-heading">Add a certificate</h2>
      <p>
        The certificate is checked exactly as the Verify screen checks it. One that does not pass is not
        added, and the reason is shown.
      </p>
      <FileChooser
        label="Certificate PDF"
        hint="The signed certificate the panel issued (a PDF)."
        buttonLabel="Choose a certificate PDF"
        acceptedFileTypes={['application/pdf']}
        onFile={(file) => {
          fromCase.reset();
          upload.mutate(file);
        }}
      />
      {progress && (
        <ProgressBar label="Checking the certificate" value={progress.sent} total={progress.total} />
      )}
      {upload.isError && <ErrorNotice title="The certificate was not added" message={upload.error.message} />}
      {upload.data && !progress && <ImportedNotice results={[upload.data]} onOpen={onOpen} />}
      {openCase && (
        <div className="register-from-case">
          <p>Or add every certificate issued in the case file you have open.</p>
          <Button
            onPress={() => {
              upload.reset();
              fromCase.mutate({ caseId: openCase.caseId });
            }}
            isPending={fromCase.isPending}
            pendingLabel="Checking the certificates…"
          >
            Add the open case’s certificates
          </Button>
          {fromCase.isError && (
            <ErrorNotice title="The certificates were not added" message={fromCase.error.message} />
          )}
          {fromCase.data && <ImportedNotice results={fromCase.data} onOpen={onOpen} />}
        </div>
      )}
    </section>
  );
}

function ImportedNotice({
  results,
  onOpen,
}: {
  results: Array<{ entry: RegisterEntry; added: boolean }>;
  onOpen: (certificateNumber: string) => void;
}) {
  return (
    <>
      {results.map(({ entry, added }) => (
        <div key={entry.certificateNumber} className="register-imported">
          <StatusNotice tone="success">
            {added ? 'Added to the register' : 'Already in the register'}: {entry.organisation}, Level{' '}
            {entry.level}, certificate {entry.certificateNumber}. {statusHeadline(entry.status)}.
          </StatusNotice>
          <Button onPress={() => onOpen(entry.certificateNumber)}>
            Open certificate {entry.certificateNumber}
          </Button>
        </div>
      ))}
    </>
  );
}
