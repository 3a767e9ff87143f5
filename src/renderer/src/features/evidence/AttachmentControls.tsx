import { useState } from 'react';
import { MAX_KEPT_FILE_BYTES, type EvidenceItem } from '../../../../shared/api';
import { sizeInWords } from '../../../../shared/file-words';
import { ApiCallError, useConnectedClient } from '../../app/client-context';
import { shownMemberIn, useChange } from '../../app/operations';
import { useSaveCopy } from '../../app/useSaveCopy';
import { Button } from '../../ui/Button';
import { ErrorNotice, ProgressBar, StatusNotice } from '../../ui/feedback';
import { FileChooser } from '../../ui/FileChooser';
import { formatBytes } from '../../ui/format';
import { whyNotSent } from '../../ui/files';
import { useFocusAfterRender } from '../../ui/formSupport';
import { RemoveDialog, useRemoval } from '../../ui/RemoveDialog';
import { useSignedIn } from '../case/useCase';

type Attachment = EvidenceItem['attachments'][number];

/**
 * The files attached to one evidence item: add a file (with a progress bar while it is encrypted
 * into the case file), download a copy, and (for the lead) remove.
 */
export function AttachmentControls({ caseId, evidence }: { caseId: string; evidence: EvidenceItem }) {
  const role = useSignedIn(caseId)?.role;
  const [removedName, setRemovedName] = useState<string | null>(null);
  const focusAfterRender = useFocusAfterRender();
  const removal = useRemoval('evidence.removeAttachment', {
    input: (attachment: Attachment) => ({ caseId, evidenceId: evidence.id, attachmentId: attachment.id }),
    onRemoved: (attachment) => {
      setRemovedName(attachment.fileName);
      focusAfterRender(`evidence-${evidence.id}`);
    },
  });
  const download = useSaveCopy((files, attachment: Attachment) =>
    files.downloadAttachment(caseId, attachment.id, attachment.fileName),
  );

  return (
    <div className="attachments">
      {evidence.attachments.length === 0 ? (
        <p className="attachments-none">No files attached.</p>
      ) : (
        <ul className="attachment-list" aria-label={`Files attached to ${evidence.title}`}>
          {evidence.attachments.map((attachment) => (
            <li key={attachment.id} className="attachment-row">
              <span className="attachment-name">{attachment.fileName}</span>
              <span className="attachment-size">{formatBytes(attachment.sizeBytes)}</span>
              <Button onPress={() => download.mutate(attachment)}>
                Download <span className="visually-hidden">{attachment.fileName}</span>
              </Button>
              {role === 'lead' && (
                <Button variant="danger" onPress={() => removal.ask(attachment)}>
                  Remove file <span className="visually-hidden">{attachment.fileName}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {removedName && !removal.isAsking && (
        <StatusNotice tone="success">The file {removedName} is removed.</StatusNotice>
      )}
      {download.isError && (
        <ErrorNotice title="The file was not downloaded" message={download.error.message} />
      )}
      {role !== undefined && role !== 'observer' && <AddAttachment caseId={caseId} evidence={evidence} />}
      <RemoveDialog
        removal={removal}
        title="Remove this file?"
        confirmLabel="Yes, remove the file"
        pendingLabel="Removing the file…"
      >
        {(attachment) => (
          <p>
            The file <strong>{attachment.fileName}</strong> will be removed from “{evidence.title}” and from
            the case file. This cannot be undone.
          </p>
        )}
      </RemoveDialog>
    </div>
  );
}

/** Choose or drop a file; it is streamed (browser mode) or read by path (desktop) into the case file. */
function AddAttachment({ caseId, evidence }: { caseId: string; evidence: EvidenceItem }) {
  const { files } = useConnectedClient();
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const upload = useChange('evidence.attach', {
    prepare: (file: File) => {
      const why = whyNotSent(file, 'file attached to evidence');
      if (why) throw new ApiCallError({ code: 'INVALID_INPUT', message: why });
      setProgress({ sent: 0, total: file.size });
      return { caseId, evidenceId: evidence.id, fileName: file.name };
    },
    send: (input, file) =>
      files.attach(
        { caseId, evidenceId: evidence.id, signedInAs: shownMemberIn(input) },
        file,
        (sent, total) => setProgress({ sent, total }),
      ),
    onSettled: () => setProgress(null),
  });
  return (
    <>
      <FileChooser
        label={`Add a file to “${evidence.title}”`}
        hint={`Up to ${sizeInWords(MAX_KEPT_FILE_BYTES)}. The file is encrypted inside the case file.`}
        buttonLabel="Choose a file to attach"
        onFile={(file) => upload.mutate(file)}
      />
      {progress && (
        <ProgressBar label="Adding the file to the case file" value={progress.sent} total={progress.total} />
      )}
      {upload.isSuccess && !progress && (
        <StatusNotice tone="success">Attached {upload.variables.name}.</StatusNotice>
      )}
      {upload.isError && <ErrorNotice title="The file was not attached" message={upload.error.message} />}
    </>
  );
}
