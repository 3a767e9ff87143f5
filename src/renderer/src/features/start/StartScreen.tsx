import { useRead } from '../../app/operations';
import { useNavigation } from '../../app/navigation';
import { Button } from '../../ui/Button';
import { ErrorNotice } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { formatDateTime } from '../../ui/format';
import { OpenHereSection } from '../open-case/OpenHere';

/** The first screen: carry on with a recent case, start a new one, open one, or check a certificate. */
export function StartScreen() {
  const { go } = useNavigation();
  const recent = useRead('case.recent', {});

  return (
    <Page
      title="Welcome to Coproduction Panel"
      intro={
        <p>
          Assess an organisation against the coproduction standard built on the I Statements, together with
          your panel.
        </p>
      }
    >
      <OpenHereSection />
      <div className="action-cards">
        <section className="card" aria-labelledby="new-case-heading">
          <h2 id="new-case-heading">Start a new assessment</h2>
          <p>Create an encrypted case file for one organisation. You will be its lead assessor.</p>
          <Button variant="primary" onPress={() => go({ name: 'new-case' })}>
            New case
          </Button>
        </section>
        <section className="card" aria-labelledby="open-case-heading">
          <h2 id="open-case-heading">Carry on with an assessment</h2>
          <p>Open a case file you or another lead assessor made. You will need its passphrase.</p>
          <Button onPress={() => go({ name: 'open-case' })}>Open case</Button>
        </section>
        <section className="card" aria-labelledby="verify-heading">
          <h2 id="verify-heading">Check a certificate</h2>
          <p>Check that a certificate PDF is genuine, unchanged, still valid and not withdrawn.</p>
          <Button onPress={() => go({ name: 'verify' })}>Verify a certificate</Button>
        </section>
        <section className="card" aria-labelledby="scheme-office-heading">
          <h2 id="scheme-office-heading">Scheme office</h2>
          <p>Keep the assessor directory and training records in the scheme’s encrypted scheme file.</p>
          <Button onPress={() => go({ name: 'scheme', section: 'assessors' })}>Scheme office</Button>
        </section>
      </div>

      <section aria-labelledby="recent-heading">
        <h2 id="recent-heading">Recent case files</h2>
        {recent.isPending && <p role="status">Looking for recent case files…</p>}
        {recent.isError && <ErrorNotice message={recent.error.message} />}
        {recent.data && recent.data.length === 0 && <p>No case files opened on this computer yet.</p>}
        {recent.data && recent.data.length > 0 && (
          <ul className="plain-list">
            {recent.data.map((file) => (
              <li key={file.path} className="list-row">
                <div>
                  <p className="list-row-title">{file.organisationName ?? file.fileName}</p>
                  <p className="list-row-detail">
                    Last opened {formatDateTime(file.lastOpenedAt)}
                    {!file.exists && ' — the file is no longer in that place'}
                  </p>
                </div>
                <Button
                  isDisabled={!file.exists}
                  onPress={() => go({ name: 'unlock', path: file.path })}
                  aria-label={`Open ${file.organisationName ?? file.fileName}`}
                >
                  Open
                </Button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}
