import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import '../styles/app.css';
import { ClientProvider } from '../app/client-context';
import { DisplaySettingsProvider } from '../app/display-settings';
import { browserFileTransfers } from '../client';
import { RoomMemberApp } from './RoomMemberApp';
import { RoomMemberConnection } from './connection';

/** How often the page asks the room where the assessment has got to (and hears its notices). */
const WATCH_EVERY_MS = 5_000;
/** How soon a wait for the room's word is tried again when it could not reach the room. */
const WAIT_AGAIN_MS = 5_000;
/** The longest the page waits, after a reload, for the answers it kept to reach the room before showing the sheet. */
const KEPT_FIRST_MS = 4_000;

/**
 * The member pages' entry. Without the room secret in the link's #fragment the page keeps its
 * plain words ("ask the lead assessor for the room's QR code") and nothing is asked of the room.
 */
async function start(): Promise<void> {
  // A link opened again in this tab (the same page, so nothing reloads): start over with it.
  window.addEventListener('hashchange', () => {
    if (/[#&]room=/.test(window.location.hash)) window.location.reload();
  });
  const root = document.getElementById('root');
  if (!root) return;
  let connection: RoomMemberConnection | null;
  try {
    connection = await RoomMemberConnection.connect(window);
  } catch {
    root.querySelector('p')!.textContent =
      'This device could not join the panel room. Check it is on the room’s Wi-Fi, then scan the room’s QR code again.';
    return;
  }
  if (!connection) return;
  const joined = connection;
  // Answers kept from before a reload, or while the network was away, are sent as soon as it can.
  window.addEventListener('online', () => void joined.sendKept());
  // Back from behind another app: what was kept as the page was put away goes now.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void joined.sendKept();
  });
  // Words kept as the page was reloaded reach the room before the sheet is read again, so the
  // sheet shows them (not waiting more than a few seconds for a slow network: then they go later).
  if (joined.current().signedIn && joined.current().kept > 0)
    await Promise.race([joined.sendKept(), new Promise((resolve) => setTimeout(resolve, KEPT_FIRST_MS))]);
  joined.watch(WATCH_EVERY_MS);
  // The room says at once, to a device waiting for its word, that the lead has closed it.
  joined.hearClosing(WAIT_AGAIN_MS);
  const queryClient = new QueryClient({
    // Always ask the connection, even when the browser says it is offline: it keeps answers on the
    // device and says so, rather than leaving them paused inside TanStack Query.
    defaultOptions: {
      queries: { retry: false, refetchOnWindowFocus: false, networkMode: 'always' },
      mutations: { networkMode: 'always' },
    },
  });
  createRoot(root).render(
    <StrictMode>
      <ClientProvider
        value={{
          client: joined,
          transport: 'browser',
          files: browserFileTransfers(),
          keepUnsentAnswer: (input) => joined.keepUnsent(input),
        }}
      >
        <QueryClientProvider client={queryClient}>
          <DisplaySettingsProvider>
            <RoomMemberApp connection={joined} />
          </DisplaySettingsProvider>
        </QueryClientProvider>
      </ClientProvider>
    </StrictMode>,
  );
}

void start();
