import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { EvidenceItem } from '../../../../shared/api';
import { ApiCallError, useCall, useConnectedClient } from '../../app/client-context';
import { Button } from '../../ui/Button';
import { ErrorNotice, ProgressBar, StatusNotice } from '../../ui/feedback';
import { FileChooser } from '../../ui/FileChooser';
import { formatBytes } from '../../ui/format';
import { caseKeys, useOpenCase } from '../case/useCase';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useFocusAfterRender } from '../../ui/formSupport';

type Attachment = EvidenceItem['attachments'][number];

/** Largest attachment the case file takes (the same limit is enforced in the main process). */
const MAX_ATTACHMENT_BYTES = 100 * 1024 * 1024;

/**
 * The files attached to one evidence item: add a file (with a progress bar while it is encrypted
 * into the case file), download a copy, and (for the lead) remove.
 */
export function AttachmentControls({ caseId, evidence }: { caseId: string; evidence: EvidenceItem }) {
  const call = useCall();
  const queryClient = useQueryClient();
  const isLead = useOpenCase(caseId).data?.signedIn?.role === 'lead';
  const [toRemove, setToRemove] = useState<Attachment | null>(null);
  const [removedName, setRemovedName] = useState<string | null>(null);
  const focusAfterRender = useFocusAfterRender();
  const { files } = useConnectedClient();
  const role = useOpenCase(caseId).data?.signedIn?.role;
  const canAdd = role !== undefined && role !== 'observer';
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const upload = useMutation({
    mutationFn: async (file: File) => {
      if (file.size > MAX_ATTACHMENT_BYTES) {
        throw new Error(
          `“${file.name}” is ${formatBytes(file.size)}. Files can be up to 100 MB; split it or attach a smaller copy.`,
        );
      }
      setProgress({ sent: 0, total: file.size });
      const result = await files.attach(caseId, evidence.id, file, (sent, total) =>
        setProgress({ sent, total }),
      );
      if (!result.ok) throw new ApiCallError(result.error);
      return file.name;
    },
    onSettled: () => setProgress(null),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: caseKeys.all(caseId) }),
  });
  const download = useMutation({
    mutationFn: async (attachment: Attachment) => {
      const result = await files.downloadAttachment(caseId, attachment.id, attachment.fileName);
      if (!result.ok) throw new ApiCallError(result.error);
    },
  });
  const remove = useMutation({
    mutationFn: (attachment: Attachment) =>
      call('evidence.removeAttachment', { caseId, evidenceId: evidence.id, attachmentId: attachment.id }),
    onSuccess: async (_value, attachment) => {
      await queryClient.invalidateQueries({ queryKey: caseKeys.all(caseId) });
      setToRemove(null);
      setRemovedName(attachment.fileName);
      focusAfterRender(`evidence-${evidence.id}`);
    },
  });

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
              {isLead && (
                <Button
                  variant="danger"
                  onPress={() => {
                    remove.reset();
                    setToRemove(attachment);
                  }}
                >
                  Remove file <span className="visually-hidden">{attachment.fileName}</span>
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {removedName && !toRemove && (
        <StatusNotice tone="success">The file {removedName} is removed.</StatusNotice>
      )}
      {download.isError && (
        <ErrorNotice title="The file was not downloaded" message={download.error.message} />
      )}
      {canAdd && (
        <FileChooser
          label={`Add a file to “${evidence.title}”`}
          hint="Up to 100 MB. The file is encrypted inside the case file."
          buttonLabel="Choose a file to attach"
          onFile={(file) => upload.mutate(file)}
        />
      )}
      {progress && (
        <ProgressBar label="Adding the file to the case file" value={progress.sent} total={progress.total} />
      )}
      {upload.isSuccess && !progress && <StatusNotice tone="success">Attached {upload.data}.</StatusNotice>}
      {upload.isError && <ErrorNotice title="The file was not attached" message={upload.error.message} />}
      <ConfirmDialog
        isOpen={toRemove !== null}
        onOpenChange={(open) => {
          if (!open) setToRemove(null);
        }}
        title="Remove this file?"
        confirmLabel="Yes, remove the file"
        pendingLabel="Removing the file…"
        variant="danger"
        isPending={remove.isPending}
        error={remove.error?.message}
        onConfirm={() => toRemove && remove.mutate(toRemove)}
      >
        <p>
          The file <strong>{toRemove?.fileName}</strong> will be removed from “{evidence.title}” and from the
          case file. This cannot be undone.
        </p>
      </ConfirmDialog>
    </div>
  );
}
