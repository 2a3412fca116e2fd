// Entry point: Designsystemet styles, then the query cache, the UI language and the router around the app.
import '@digdir/designsystemet-css';
import '@digdir/designsystemet-css/theme';
import './platform/layout.css';
import './platform/content.css';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { queryClient, setApiLanguage } from './api.ts';
import { App } from './app.tsx';
import { I18nProvider } from './i18n/index.tsx';
import { DEFAULT_LANGUAGE, storedLanguage } from './i18n/languages.ts';

const language = storedLanguage() ?? DEFAULT_LANGUAGE;
document.documentElement.lang = language;
setApiLanguage(language);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <I18nProvider initial={language}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </I18nProvider>
    </QueryClientProvider>
  </StrictMode>,
);
