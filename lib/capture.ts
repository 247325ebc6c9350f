import { browser } from 'wxt/browser';
import { type CaptureResult, RawCaptureSchema } from './capture-result';
import { finishCapture } from './extract/extension/finish';
import { errorText } from './messages';
import { takePendingSelection } from './selection';

export type CaptureOutcome =
  | { ok: true; result: CaptureResult; tabId: number }
  | { ok: false; error: string; tabId: number | null };

/** The tab the popup captures from: the active tab; a test build may name it (`?tab=<url part>`) instead. */
export async function findTargetTab(): Promise<{ id: number; url?: string } | null> {
  if (import.meta.env.MODE === 'e2e') {
    const wanted = new URLSearchParams(location.search).get('tab');
    if (wanted) {
      const tabs = await browser.tabs.query({});
      const tab = tabs.find((t) => t.url?.includes(wanted));
      if (tab?.id !== undefined) return { id: tab.id, url: tab.url };
    }
  }
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id === undefined ? null : { id: tab.id, url: tab.url };
}

/** Runs the extraction script in the tab and returns its people, or a sentence saying why it could not. */
export async function captureTab(
  options: { region?: string | null; selectionOnly?: boolean } = {},
): Promise<CaptureOutcome> {
  const tab = await findTargetTab();
  if (!tab) return { ok: false, error: 'No tab to capture from. Open a lead page and try again.', tabId: null };
  let results: Array<{ result?: unknown }>;
  try {
    const selectionOnly = options.selectionOnly ?? (await takePendingSelection(tab.id));
    await browser.scripting.executeScript({
      target: { tabId: tab.id },
      func: (only: boolean) => {
        (globalThis as { __captureSelectionOnly?: boolean }).__captureSelectionOnly = only;
      },
      args: [selectionOnly],
    });
    results = await browser.scripting.executeScript({ target: { tabId: tab.id }, files: ['/extract.js'] });
  } catch (error) {
    return { ok: false, error: explainInjectionError(errorText(error)), tabId: tab.id };
  }
  const parsed = RawCaptureSchema.safeParse(results[0]?.result);
  if (!parsed.success) {
    return { ok: false, error: 'This page returned something unexpected. Fill in the form by hand.', tabId: tab.id };
  }
  // The microdata, RDFa and microformats readers (parse5, microformats-parser) load only for a page that has some.
  const raw = parsed.data;
  const markup =
    raw.snapshots.length > 0 ? (await import('./extract/extension/markup')).markupEntities(raw.snapshots, raw.url) : [];
  return { ok: true, result: finishCapture(raw, { region: options.region ?? null, markup }), tabId: tab.id };
}

function explainInjectionError(message: string): string {
  if (/cannot be scripted|cannot access|extensions gallery|chrome:\/\/|about:|missing host permission/i.test(message)) {
    return 'Browsers do not let extensions read this page (browser pages, the web store, PDFs). Open a lead page and try again, or fill in the form by hand.';
  }
  return `The page could not be read (${message}). Reload it and try again, or fill in the form by hand.`;
}
