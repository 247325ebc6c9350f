import { render } from 'preact';
import { t } from '@/lib/i18n';
import { askAccountsEarly, injectExtractor } from '@/lib/inject';
import '@/components/styles.css';

// The first paint is this shell: the page is being read (the extraction script starts at once), then the form,
// the providers and the phone metadata load. What it imports is what the popup needs before anything shows.
const root = document.getElementById('app') as HTMLElement;
performance.mark('ctc:shell');
const injected = injectExtractor();
const accounts = askAccountsEarly();
render(
  <main class="popup">
    <p role="status">{t('readingPage')}</p>
  </main>,
  root,
);
// The form loads once the page has been read, not beside it: compiling it would take the processor from the
// extraction, whose time on the page is bounded, and a starved extraction finds fewer people. Seen on this 2-core
// machine: 2 of 12 fresh opens of the demo page listed 1 or 8 people instead of 6. (injectExtractor never rejects.)
// The marks are the bench's breakdown of an open (bench/bench-extension.ts): page read, form loaded.
void injected
  .then((result) => {
    performance.mark('ctc:page-read');
    // The microdata, RDFa and microformats readers, when the page has marked-up parts: fetched beside the form,
    // not after it (lib/capture.ts imports the same module; it is loaded once).
    const snapshots = result.ok ? (result.value as { snapshots?: unknown } | null)?.snapshots : undefined;
    if (Array.isArray(snapshots) && snapshots.length > 0) void import('@/lib/extract/extension/markup');
    return import('@/components/Popup');
  })
  .then(({ Popup }) => {
    performance.mark('ctc:form-loaded');
    render(<Popup injected={injected} accounts={accounts} />, root);
  });
