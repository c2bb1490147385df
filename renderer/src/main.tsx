import { startReactDsfr } from '@codegouvfr/react-dsfr/spa';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Link, HashRouter } from 'react-router';
import { createClient } from '../../shared/client';
import type { Language } from '../../shared/contract';
import { ClientProvider } from './api/ClientProvider';
import { pickTransport } from './api/transport';
import { App } from './App';
import { currentLanguage, startI18n } from './i18n';
import './styles.css';

declare module '@codegouvfr/react-dsfr/spa' {
  interface RegisterLink {
    Link: typeof Link;
  }
}

startReactDsfr({ defaultColorScheme: 'system', Link, useLang: currentLanguage });

async function start() {
  const client = createClient(pickTransport());
  // The saved language is read before the first paint so the desk never flashes in another one.
  let language: Language = 'fr';
  try {
    language = (await client.call('preferences.get', {})).language;
  } catch {
    // The desk still opens in French; the page that needs the case file will show the error.
  }
  await startI18n(language);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <ClientProvider client={client}>
        {/* Address changes render at once: the list must answer typing within 150 ms. */}
        <HashRouter useTransitions={false}>
          <App />
        </HashRouter>
      </ClientProvider>
    </StrictMode>,
  );
}

void start();
