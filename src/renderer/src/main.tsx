import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '@fontsource/atkinson-hyperlegible/400.css';
import '@fontsource/atkinson-hyperlegible/700.css';
import './styles/app.css';
import { App } from './app/App';
import { ClientProvider } from './app/client-context';
import { DisplaySettingsProvider } from './app/display-settings';
import { NavigationProvider } from './app/navigation';
import { connectClient } from './client';

const connected = connectClient();
const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } },
});

const root = document.getElementById('root');
if (!root) throw new Error('The page is missing its root element.');
createRoot(root).render(
  <StrictMode>
    <ClientProvider value={connected}>
      <QueryClientProvider client={queryClient}>
        <DisplaySettingsProvider>
          <NavigationProvider>
            <App />
          </NavigationProvider>
        </DisplaySettingsProvider>
      </QueryClientProvider>
    </ClientProvider>
  </StrictMode>,
);
