import { useState } from 'react';
import type { RegisterFile } from '../../../../shared/api';
import { unusableFile } from '../../../../shared/file-words';
import { useReadOnDemand } from '../../app/operations';
import { ApiCallError } from '../../app/client-context';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { FileChooser } from '../../ui/FileChooser';
import { SecretField } from '../../ui/fields';
import { downloadPdf, fileToBase64 } from '../../ui/files';
import { formatBytes } from '../../ui/format';

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

/** What each file of the signed register is for, in the words of the one who publishes it. */
const REGISTER_FILE_PURPOSE: Readonly<Record<string, string>> = {
  'register.json': 'The register itself, for commissioners to check. Publish it with its signature below.',
  'register.json.p7s':
    'Its signature by the scheme root. Keep it beside register.json: the check needs both.',
  'register.json.jws': 'The same signature in another form (JWS), for systems that read that form.',
  'register.csv': 'The register as a spreadsheet.',
  'register.pdf': 'The register to print or read.',
};

/**
 * The signed register's files, one download each: a page that starts several downloads at once
 * makes the browser ask whether to allow "multiple files", so each is its own button.
 */
function SignedRegisterFiles({ files }: { files: RegisterFile[] }) {
  return (
    <ul className="plain-list" aria-label="The signed register’s files">
      {files.map((file) => (
        <li key={file.fileName} className="list-row">
          <div>
            <p className="list-row-title">{file.fileName}</p>
            <p className="list-row-detail">
              {REGISTER_FILE_PURPOSE[file.fileName] ?? ''} {formatBytes(file.sizeBytes)}.
            </p>
          </div>
          <Button onPress={() => downloadPdf(file.base64, file.fileName, file.mediaType)}>
            Download {file.fileName}
          </Button>
        </li>
      ))}
    </ul>
  );
}

/**
 * The signed register for commissioners, and the revocation list, as downloads. Both are signed by
 * the scheme root, so, as `copanel register export --root DIR` does, they need its certificate, its
 * key and its passphrase; nothing of the root is kept after the download.
 */
export function RegisterExport() {
  const [root, setRoot] = useState<SchemeRootChosen>({ certificate: null, key: null, passphrase: '' });
  const [saved, setSaved] = useState('');
  const [signed, setSigned] = useState<RegisterFile[]>([]);
  const exported = useReadOnDemand('register.export', {
    prepare: schemeRootInput,
    onSuccess: (value) => {
      setSigned(value.files);
      setSaved(
        `The register of ${value.entries} certificate${value.entries === 1 ? ' is' : 's is'} signed. Download each of its ${value.files.length} files below and publish them together. Commissioners check it with “copanel register verify register.json --trust scheme-root.pem”.`,
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
    setSigned([]);
    exported.reset();
    revocations.reset();
  };
  const error = exported.error ?? revocations.error;
  return (
    <section aria-labelledby="export-heading">
      <h2 id="export-heading">Publish the register</h2>
      <p>
        The signed register and the revocation list are signed by the scheme root. Choose its certificate and
        key and enter its passphrase; they are used for this signing only and are not kept.
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
          Sign the register
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
      {signed.length > 0 && <SignedRegisterFiles files={signed} />}
    </section>
  );
}
