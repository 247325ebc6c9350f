import { browser } from 'wxt/browser';
import { takePendingSelection } from './selection';

/**
 * The first thing the popup does, before the rest of it has loaded: find the tab and run the extraction script
 * in it. Kept free of heavy imports (no zod, no phone metadata), so it starts while the popup's form is still
 * being fetched; lib/capture.ts reads what it returns.
 */
export type Injected = { ok: true; value: unknown; tabId: number } | { ok: false; error: string; tabId: number | null };

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

/**
 * The worker's list of accounts, asked for by the popup's first script beside the page's reading: a worker that
 * was stopped takes a while to start, and that wait should not come after the form has loaded. Unchecked here;
 * the popup reads it as a reply or asks again (components/usePopup.ts). Resolves null after 5 s without answer.
 */
export function askAccountsEarly(): Promise<unknown> {
  return Promise.race([
    browser.runtime.sendMessage({ type: 'accounts.list' }).catch(() => null),
    new Promise((resolve) => setTimeout(() => resolve(null), 5000)),
  ]);
}

/** Runs the extraction script in the tab; its raw result, or a sentence saying why it could not. */
export async function injectExtractor(options: { selectionOnly?: boolean } = {}): Promise<Injected> {
  const tab = await findTargetTab().catch(() => null);
  if (!tab) return { ok: false, error: 'No tab to capture from. Open a lead page and try again.', tabId: null };
  try {
    const selectionOnly = options.selectionOnly ?? (await takePendingSelection(tab.id));
    // Only a capture of the selection needs a word with the script first (a round trip to the tab saved otherwise).
    if (selectionOnly)
      await browser.scripting.executeScript({
        target: { tabId: tab.id },
        func: (at: number) => {
          (globalThis as { __captureSelectionAt?: number }).__captureSelectionAt = at;
        },
        args: [Date.now()],
      });
    const results = await browser.scripting.executeScript({ target: { tabId: tab.id }, files: ['/extract.js'] });
    return { ok: true, value: results[0]?.result, tabId: tab.id };
  } catch (error) {
    return {
      ok: false,
      error: explainInjectionError(error instanceof Error ? error.message : String(error)),
      tabId: tab.id,
    };
  }
}

function explainInjectionError(message: string): string {
  if (/cannot be scripted|cannot access|extensions gallery|chrome:\/\/|about:|missing host permission/i.test(message)) {
    return 'Browsers do not let extensions read this page (browser pages, the web store, PDFs). Open a lead page and try again, or fill in the form by hand.';
  }
  return `The page could not be read (${message}). Reload it and try again, or fill in the form by hand.`;
}
