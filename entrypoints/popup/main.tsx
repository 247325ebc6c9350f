import { render } from 'preact';
import { t } from '@/lib/i18n';
import { injectExtractor } from '@/lib/inject';
import '@/components/styles.css';

// The first paint is this shell: the page is being read (the extraction script starts at once) while the form,
// the providers and the phone metadata load. What it imports is what the popup needs before anything shows.
const root = document.getElementById('app') as HTMLElement;
const injected = injectExtractor();
render(
  <main class="popup">
    <p role="status">{t('readingPage')}</p>
  </main>,
  root,
);
void import('@/components/Popup').then(({ Popup }) => render(<Popup injected={injected} />, root));
