import { useState } from 'react';
import { unusableFile } from '../../../../shared/file-words';
import { useReadOnDemand } from '../../app/operations';
import { ApiCallError } from '../../app/client-context';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { FileChooser } from '../../ui/FileChooser';
import { SecretField } from '../../ui/fields';
import { downloadPdf, fileToBase64 } from '../../ui/files';

interface SchemeRootChosen {
  certificate: File | null;
  key: File | null;
  passphrase: string;
}

/** The scheme root's files and passphrase as the register's signing operations take them. */
async function schemeRootInput(root: SchemeRootChosen) {
  if (!root.certificate || !root.key || !root.passphrase)
    throw new ApiCallError({
      code: 'INVALID_INPUT',
      message:
        'Choose the scheme root’s certificate (scheme-root.pem) and its key (scheme-root-key.pem), and enter the scheme root’s passphrase.',
    });
  const problem =
    unusableFile(root.certificate, 'a scheme root certificate') ??
    unusableFile(root.key, 'a scheme root key');
  if (problem) throw new ApiCallError({ code: 'INVALID_INPUT', message: problem });
  return {
    rootCertificateBase64: await fileToBase64(root.certificate),
    rootKeyBase64: await fileToBase64(root.key),
    rootPassphrase: root.passphrase,
  };
}

/**
 * The signed register for commissioners, and the revocation list, as downloads. Both are signed by
 * the scheme root, so, as `copanel register export --root DIR` does, they need its certificate, its
 * key and its passphrase; nothing of the root is kept after the download.
 */
export function RegisterExport() {
  const [root, setRoot] = useState<SchemeRootChosen>({ certificate: null, key: null, passphrase: '' });
  const [saved, setSaved] = useState('');
  const exported = useReadOnDemand('register.export', {
    prepare: schemeRootInput,
    onSuccess: (value) => {
      for (const file of value.files) downloadPdf(file.base64, file.fileName, file.mediaType);
      setSaved(
        `The signed register of ${value.entries} certificate${value.entries === 1 ? '' : 's'} was downloaded: ${value.files.map((file) => file.fileName).join(', ')}. Commissioners check it with “copanel register verify register.json --trust scheme-root.pem”.`,
      );
    },
  });
  const revocations = useReadOnDemand('register.revocationList', {
    prepare: schemeRootInput,
    onSuccess: (value) => {
      downloadPdf(value.base64, value.fileName, 'application/x-pem-file');
      setSaved(
        `The revocation list was downloaded (${value.fileName}): ${value.listed} certificate${value.listed === 1 ? '' : 's'} listed. Publish it where certificates are checked.`,
      );
    },
  });
  const start = () => {
    setSaved('');
    exported.reset();
    revocations.reset();
  };
  const error = exported.error ?? revocations.error;
  return (
    <section aria-labelledby="export-heading">
      <h2 id="export-heading">Publish the register</h2>
      <p>
        The signed register and the revocation list are signed by the scheme root. Choose its certificate and
        key and enter its passphrase; they are used for this download only and are not kept.
      </p>
      <FileChooser
        label="Scheme root certificate"
        hint="scheme-root.pem"
        buttonLabel="Choose the scheme root certificate"
        chosen={root.certificate}
        onFile={(certificate) => setRoot((current) => ({ ...current, certificate }))}
      />
      <FileChooser
        label="Scheme root key"
        hint="scheme-root-key.pem (encrypted with the scheme root’s passphrase)"
        buttonLabel="Choose the scheme root key"
        chosen={root.key}
        onFile={(key) => setRoot((current) => ({ ...current, key }))}
      />
      <SecretField
        label="Scheme root passphrase"
        value={root.passphrase}
        onChange={(passphrase) => setRoot((current) => ({ ...current, passphrase }))}
      />
      <div className="register-actions">
        <Button
          variant="primary"
          onPress={() => {
            start();
            exported.mutate(root);
          }}
          isPending={exported.isPending}
          pendingLabel="Signing the register…"
        >
          Download the signed register
        </Button>
        <Button
          onPress={() => {
            start();
            revocations.mutate(root);
          }}
          isPending={revocations.isPending}
          pendingLabel="Signing the list…"
        >
          Download the revocation list
        </Button>
      </div>
      {error && <ErrorNotice title="Nothing was downloaded" message={error.message} />}
      {saved && <StatusNotice tone="success">{saved}</StatusNotice>}
    </section>
  );
}
