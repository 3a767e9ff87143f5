import { useEffect } from 'react';
import { Button } from '../ui/Button';
import { useWarnBeforeLeaving } from '../ui/leaveWarning';
import { useConnectedClient } from './client-context';
import { FoldAway } from './FoldAway';
import { useRead } from './operations';
import { useNavigation, type Screen } from './navigation';
import { useSignInFollowsOtherTabs, useSignInNotice } from './session';
import { StartScreen } from '../features/start/StartScreen';
import { NewCaseScreen } from '../features/open-case/NewCaseScreen';
import { OpenCaseScreen } from '../features/open-case/OpenCaseScreen';
import { UnlockScreen } from '../features/open-case/UnlockScreen';
import { SettingsScreen } from '../features/settings/SettingsScreen';
import { VerifyScreen } from '../features/verify/VerifyScreen';
import { CaseScreen } from '../features/case/CaseScreen';
import { AnswersNotSavedNotice } from '../features/scoring/AnswersNotSavedNotice';
import { SchemeScreen } from '../features/scheme/SchemeScreen';

function CurrentScreen({ screen }: { screen: Screen }) {
  switch (screen.name) {
    case 'start':
      return <StartScreen />;
    case 'new-case':
      return <NewCaseScreen />;
    case 'open-case':
      return <OpenCaseScreen />;
    case 'unlock':
      return <UnlockScreen path={screen.path} />;
    case 'case':
      return <CaseScreen caseId={screen.caseId} section={screen.section} />;
    case 'verify':
      return <VerifyScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'scheme':
      return (
        <SchemeScreen
          section={screen.section}
          {...(screen.assessorId ? { assessorId: screen.assessorId } : {})}
        />
      );
  }
}

/** The app's frame: skip link, who we are and how we are running, and the current screen. */
export function App() {
  const { transport, bridge } = useConnectedClient();
  const { screen, go, openCase } = useNavigation();
  const info = useRead('app.info', {});
  useWarnBeforeLeaving();
  useSignInFollowsOtherTabs();

  useEffect(() => {
    if (!bridge) return;
    return bridge.onMenuCommand((command) => {
      if (command === 'open-case') go({ name: 'open-case' });
      if (command === 'verify-certificate') go({ name: 'verify' });
      if (command === 'settings') go({ name: 'settings' });
      if (command === 'close-case') go({ name: 'start' });
    });
  }, [bridge, go]);

  useEffect(() => bridge?.onOpenCaseFile((path) => go({ name: 'unlock', path })), [bridge, go]);

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="app-header">
        <p className="app-name">Coproduction Panel</p>
        <FoldAway summary="Menu" className="header-menu">
          {info.data && (
            <p className="app-version">
              Version <span data-testid="app-version">{info.data.version}</span>
              {transport === 'browser' ? ' · browser mode, on this computer only' : ''}
            </p>
          )}
          <nav className="header-nav" aria-label="App">
            {screen.name !== 'case' && openCase && (
              <Button onPress={() => go(openCase)}>Back to the case</Button>
            )}
            {screen.name !== 'start' && screen.name !== 'case' && !openCase && (
              <Button onPress={() => go({ name: 'start' })}>Start</Button>
            )}
            <Button onPress={() => go({ name: 'verify' })}>Verify a certificate</Button>
            <Button onPress={() => go({ name: 'scheme', section: 'assessors' })}>Scheme office</Button>
            <Button onPress={() => go({ name: 'settings' })}>Settings</Button>
          </nav>
        </FoldAway>
      </header>
      {info.isError && (
        <div role="alert" className="notice notice-error">
          <p className="notice-title">The app is not connected</p>
          <p>{info.error.message}</p>
        </div>
      )}
      <SignInChangedNotice />
      <AnswersNotSavedNotice />
      <main id="main" className="app-main" tabIndex={-1}>
        <CurrentScreen screen={screen} />
      </main>
    </div>
  );
}

/** Who is signed in changed under this page (another tab or window signed someone in or out): said until dismissed. */
function SignInChangedNotice() {
  const { notice, dismiss } = useSignInNotice();
  if (notice === null) return null;
  return (
    <div role="alert" className="notice notice-error" data-testid="sign-in-changed">
      <p className="notice-title">Who is signed in has changed</p>
      <p>{notice}</p>
      <Button onPress={dismiss}>Dismiss</Button>
    </div>
  );
}
