import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { ReadableSaved } from '../../../../shared/api';
import { ApiCallError, useConnectedClient } from '../../app/client-context';
import { asApiCallError } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { StatusNotice } from '../../ui/feedback';
import { SecretField } from '../../ui/fields';
import { readableCopyName } from './useCaseFileCheck';

/**
 * "Save what can be read to a new file" (the lead only; the app checks it too): the passphrase is
 * asked again (the app does not keep it), then the new file goes where the lead chooses in the
 * desktop app's save dialog, or is downloaded in browser mode. The damaged file is left as it is.
 */
export function SaveReadableButton({ caseId, caseFilePath }: { caseId: string; caseFilePath: string }) {
  const [isOpen, setOpen] = useState(false);
  const [passphrase, setPassphrase] = useState('');
  const { files, transport } = useConnectedClient();
  const save = useMutation<ReadableSaved | null, ApiCallError, string>({
    mutationFn: async (given) => {
      const result = await files
        .saveReadable({ caseId, passphrase: given, fileName: readableCopyName(caseFilePath) })
        .catch((error: unknown) => {
          throw asApiCallError(error);
        });
      if (!result.ok) throw new ApiCallError(result.error);
      return result.value;
    },
    onSuccess: () => {
      setOpen(false);
      setPassphrase('');
    },
  });
  return (
    <>
      <Button
        variant="primary"
        onPress={() => {
          save.reset();
          setOpen(true);
        }}
      >
        Save what can be read to a new file
      </Button>
      {save.data && (
        <StatusNotice tone="success">
          {save.data.summary}
          {save.data.path ? ` The new file is at ${save.data.path}.` : ' It is in your downloads.'} Open the
          new file to carry on with the case.
        </StatusNotice>
      )}
      <ConfirmDialog
        isOpen={isOpen}
        onOpenChange={setOpen}
        role="dialog"
        title="Save what can be read to a new file"
        confirmLabel={transport === 'electron' ? 'Choose where to save it' : 'Save and download it'}
        pendingLabel="Saving what can be read…"
        onConfirm={() => save.mutate(passphrase)}
        isPending={save.isPending}
        error={save.error?.message}
      >
        <p>
          Every part of the case that can still be read, and every attached file and receipt that is still
          whole, is saved to a new case file with the same passphrase. This file is not changed.
        </p>
        <PassphraseAgain value={passphrase} onChange={setPassphrase} />
      </ConfirmDialog>
    </>
  );
}

/** The case file's passphrase, asked again before the lead checks or rescues the file (the app does not keep it). */
export function PassphraseAgain({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  return (
    <SecretField
      label="Passphrase"
      description="The passphrase of this case file, to confirm it is you."
      value={value}
      onChange={onChange}
      isRequired
      autoFocus
    />
  );
}
