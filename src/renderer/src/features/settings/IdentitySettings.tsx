import { useRef, useState } from 'react';
import { Form } from 'react-aria-components';
import { unusableFile } from '../../../../shared/file-words';
import { ApiCallError } from '../../app/client-context';
import { useChange, useRead } from '../../app/operations';
import { Button } from '../../ui/Button';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';
import { SecretField } from '../../ui/fields';
import { FileChooser } from '../../ui/FileChooser';
import { fileToBase64 } from '../../ui/files';
import { formatDate } from '../../ui/format';
import { focusFirstControl } from '../../ui/formSupport';

/** Assessor signing identities (PKCS#12 files issued by the scheme) and the scheme roots this computer trusts. */
export function IdentitySettings() {
  return (
    <>
      <SigningIdentities />
      <TrustedRoots />
    </>
  );
}

/**
 * The chosen file, or why not, said the same way as a refusal from the server: still to choose, or
 * one no identity or root can be (empty, or far too large), in the words every file door uses.
 */
function usableChoice(chosen: File | null, what: string): File {
  const problem = chosen ? unusableFile(chosen, `a ${what}`) : `Choose the ${what} first.`;
  if (problem || !chosen) throw new ApiCallError({ code: 'INVALID_INPUT', message: problem ?? '' });
  return chosen;
}

function SigningIdentities() {
  const identities = useRead('identity.list', {});
  const [file, setFile] = useState<File | null>(null);
  const [password, setPassword] = useState('');
  const importIdentity = useChange('identity.import', {
    prepare: async (chosen: File | null) => {
      const identity = usableChoice(chosen, 'identity file');
      return { fileName: identity.name, base64: await fileToBase64(identity), password };
    },
    onSuccess: () => {
      setFile(null);
      setPassword('');
    },
  });
  const remove = useChange('identity.remove');
  return (
    <section aria-labelledby="identities-heading">
      <h2 id="identities-heading">Signing identities</h2>
      <p>
        Assessors sign certificates with the identity file the scheme gave them (it ends in .p12). Import it
        once on this computer; you will be asked for its password each time you sign.
      </p>
      {identities.data && identities.data.length === 0 && <p>No signing identities on this computer yet.</p>}
      {identities.data && identities.data.length > 0 && (
        <ul className="plain-list">
          {identities.data.map((identity) => (
            <li key={identity.id} className="list-row">
              <div>
                <p className="list-row-title">{identity.name}</p>
                <p className="list-row-detail">
                  {identity.role}; issued by {identity.issuer}; valid until {formatDate(identity.validTo)}
                </p>
              </div>
              <Button
                variant="danger"
                onPress={() => remove.mutate({ identityId: identity.id })}
                aria-label={`Remove the identity of ${identity.name}`}
              >
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          importIdentity.mutate(file);
        }}
      >
        <FileChooser
          label="Identity file"
          buttonLabel="Choose an identity file"
          chosen={file}
          onFile={setFile}
          acceptedFileTypes={['application/x-pkcs12', '.p12', '.pfx']}
        />
        <SecretField label="Identity password" value={password} onChange={setPassword} isRequired />
        {importIdentity.isError && (
          <ErrorNotice title="The identity was not imported" message={importIdentity.error.message} />
        )}
        {importIdentity.isSuccess && (
          <StatusNotice tone="success">Imported the identity of {importIdentity.data.name}.</StatusNotice>
        )}
        <Button
          type="submit"
          variant="primary"
          isDisabled={!file}
          isPending={importIdentity.isPending}
          pendingLabel="Importing…"
        >
          Import the identity
        </Button>
      </Form>
    </section>
  );
}

function TrustedRoots() {
  const roots = useRead('trust.list', {});
  const [rootFile, setRootFile] = useState<File | null>(null);
  const trust = useChange('trust.add', {
    prepare: async (chosen: File | null) => {
      const root = usableChoice(chosen, 'root certificate');
      return { fileName: root.name, base64: await fileToBase64(root) };
    },
    onSuccess: () => {
      setRootFile(null);
      // The button just pressed is disabled now: the chooser keeps the keyboard's place.
      focusFirstControl(rootForm.current);
    },
  });
  const rootForm = useRef<HTMLDivElement>(null);
  return (
    <section aria-labelledby="roots-heading">
      <h2 id="roots-heading">Trusted scheme roots</h2>
      <p>
        Certificates are genuine when their signatures lead back to the scheme’s root certificate. Add the
        root the scheme published.
      </p>
      {roots.data && roots.data.length === 0 && <p>No scheme root is trusted on this computer yet.</p>}
      {roots.data && roots.data.length > 0 && (
        <ul className="plain-list">
          {roots.data.map((root) => (
            <li key={root.id} className="list-row">
              <div>
                <p className="list-row-title">{root.name}</p>
                <p className="list-row-detail">
                  Valid until {formatDate(root.validTo)}; fingerprint{' '}
                  <span className="path">{root.fingerprint.slice(0, 32)}…</span>
                </p>
              </div>
            </li>
          ))}
        </ul>
      )}
      <div className="form" ref={rootForm}>
        <FileChooser
          label="Scheme root certificate"
          buttonLabel="Choose a root certificate"
          chosen={rootFile}
          onFile={setRootFile}
        />
        {trust.isError && <ErrorNotice title="The root was not added" message={trust.error.message} />}
        {trust.isSuccess && !rootFile && (
          <StatusNotice tone="success">
            {trust.data.name} is trusted on this computer: certificates it issued can be checked.
          </StatusNotice>
        )}
        <Button onPress={() => trust.mutate(rootFile)} isDisabled={!rootFile} isPending={trust.isPending}>
          Trust this scheme root
        </Button>
      </div>
    </section>
  );
}
