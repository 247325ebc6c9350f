import { browser } from 'wxt/browser';

/**
 * Every request to a provider goes on a fresh connection.
 *
 * When a reused keep-alive connection closes before any byte of an answer, Chromium (and Firefox) send the request
 * again on a new connection by themselves, POSTs included, and the extension sees only the second answer. If the
 * first copy was written, that is a duplicate contact no code of ours can notice (a fault run saw 13 of 18
 * duplicates arrive 1–8 ms after the first copy). `Connection` is a header `fetch` may not set, so a session rule
 * of declarativeNetRequest sets `Connection: close` on the extension's own requests to the connected providers:
 * the server closes each connection after its answer, no idle connection is reused, nothing is resent.
 *
 * The cost: a TCP (and TLS) handshake per request instead of one per burst — about one to two round trips (tens
 * of milliseconds on a typical line), far inside any provider's rate limit.
 *
 * The rule matches requests that come from no tab (the worker's own) to the connected base URLs only;
 * declarativeNetRequestWithHostAccess acts only where the user granted the host, and adds no install warning.
 */
export function freshConnectionRules(baseUrls: string[]): Array<{
  id: number;
  priority: number;
  action: {
    type: 'modifyHeaders';
    requestHeaders: Array<{ header: string; operation: 'set'; value: string }>;
  };
  condition: { urlFilter: string; tabIds: number[]; resourceTypes: Array<'xmlhttprequest' | 'other'> };
}> {
  const origins = [
    ...new Set(
      baseUrls.flatMap((url) => {
        try {
          const parsed = new URL(url);
          return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? [parsed.origin] : [];
        } catch {
          return [];
        }
      }),
    ),
  ].sort();
  return origins.map((origin, i) => ({
    id: i + 1,
    priority: 1,
    action: {
      type: 'modifyHeaders',
      requestHeaders: [{ header: 'connection', operation: 'set', value: 'close' }],
    },
    // `|` anchors the filter at the start of the URL and the trailing `/` ends the origin: no other host matches.
    condition: { urlFilter: `|${origin}/`, tabIds: [-1], resourceTypes: ['xmlhttprequest', 'other'] },
  }));
}

interface SessionRules {
  getSessionRules(): Promise<Array<{ id: number }>>;
  updateSessionRules(options: { removeRuleIds?: number[]; addRules?: unknown[] }): Promise<void>;
}

let current: Promise<void> = Promise.resolve();

/** Replaces the session rules with one per connected base URL; a browser without the API keeps working as before. */
export function useFreshConnections(baseUrls: string[]): Promise<void> {
  const run = async () => {
    const dnr = (browser as unknown as { declarativeNetRequest?: SessionRules }).declarativeNetRequest;
    if (!dnr?.updateSessionRules) return;
    try {
      const existing = await dnr.getSessionRules();
      await dnr.updateSessionRules({
        removeRuleIds: existing.map((r) => r.id),
        addRules: freshConnectionRules(baseUrls),
      });
    } catch (error) {
      console.warn('fresh connections not set', error instanceof Error ? error.message : error);
    }
  };
  current = current.then(run, run);
  return current;
}
