import { useState } from 'react';
import { Form } from 'react-aria-components';
import { useChange, useRead } from '../../app/operations';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/fields';
import { ErrorNotice, StatusNotice } from '../../ui/feedback';

/** The address a certificate's QR code links to: the scheme's checking page (issue 12, item 6). */
export function VerificationAddressSettings() {
  const current = useRead('settings.verificationAddress', {});
  const [address, setAddress] = useState('');
  const change = useChange('settings.setVerificationAddress', { onSuccess: () => setAddress('') });

  return (
    <section aria-labelledby="verification-address-heading">
      <h2 id="verification-address-heading">Where certificate QR codes lead</h2>
      {current.data && (
        <p>
          A phone that scans a certificate signed on this computer opens{' '}
          <span className="path">{current.data.verificationAddress}</span>
          {current.data.isDefault ? ' (the app’s default: set your scheme’s own checking page)' : ''}. The
          certificate’s signed code travels in the link, and anyone can also check the PDF without internet in
          the Verify screen.
        </p>
      )}
      <Form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          change.mutate({ address });
        }}
      >
        <TextField
          label="The scheme’s checking page"
          description="Its full address, starting https://. Certificates signed from now on link to it."
          value={address}
          onChange={setAddress}
          maxLength={300}
          isRequired
        />
        {change.isError && <ErrorNotice title="The address was not changed" message={change.error.message} />}
        {change.isSuccess && (
          <StatusNotice tone="success">
            Certificates signed from now on link to {change.data.verificationAddress}.
          </StatusNotice>
        )}
        <Button type="submit" isPending={change.isPending}>
          Change the address
        </Button>
      </Form>
    </section>
  );
}
