import { useQuery } from '@tanstack/react-query';
import { useCall, useConnectedClient } from './client-context';

/** The app's frame: who we are, how we are running, and the current screen. */
export function App() {
  const call = useCall();
  const { transport } = useConnectedClient();
  const info = useQuery({ queryKey: ['app.info'], queryFn: () => call('app.info', {}) });

  return (
    <div className="app">
      <header className="app-header">
        <p className="app-name">Coproduction Panel</p>
        {info.data && (
          <p className="app-version">
            Version {info.data.version}
            {transport === 'browser' ? ' · running in your web browser' : ''}
          </p>
        )}
      </header>
      <main id="main" className="app-main" tabIndex={-1}>
        <h1>Coproduction Panel</h1>
        {info.isPending && <p role="status">Starting…</p>}
        {info.isError && (
          <p role="alert" className="error">
            {info.error.message}
          </p>
        )}
        {info.data && (
          <section aria-labelledby="about-heading">
            <h2 id="about-heading">About this app</h2>
            <p>
              Panels of Experts by Experience use this app to assess an organisation against the coproduction standard built on the I
              Statements, agree a level together and issue a signed certificate. It works without the internet.
            </p>
            <dl className="facts">
              <dt>Version</dt>
              <dd data-testid="app-version">{info.data.version}</dd>
              <dt>Running</dt>
              <dd>{info.data.mode === 'electron' ? 'As a desktop app' : 'In browser mode, on this computer only'}</dd>
              <dt>Standards included</dt>
              <dd>
                {info.data.standards.length === 0
                  ? 'None yet'
                  : info.data.standards.map((s) => `${s.title} (version ${s.version})`).join(', ')}
              </dd>
            </dl>
          </section>
        )}
      </main>
    </div>
  );
}
