import { readFileSync } from 'node:fs';
import { Window } from 'happy-dom';
import { parseHTML } from 'linkedom';
import { DEFAULT_LIMITS } from '../../lib/extract/page/scan';

/** A page parsed in Node the way the injected script sees a tab's DOM; its scripts never run. */
export function parsePage(html: string, url: string): { document: Document; close: () => Promise<void> } {
  const window = new Window({
    url,
    settings: { disableJavaScriptEvaluation: true, disableJavaScriptFileLoading: true, disableCSSFileLoading: true },
  });
  window.document.write(html);
  return { document: window.document as unknown as Document, close: () => window.happyDOM.close() };
}

/**
 * A saved page's text as a browser would decode it: by its byte-order mark, else the charset its <meta> declares,
 * else UTF-8 (pages saved from the web are not all UTF-8: windows-1252, Shift_JIS…). A page whose bytes are valid
 * UTF-8 with letters beyond ASCII is UTF-8 whatever its <meta> says: a scraper that re-encoded it kept the old
 * declaration (text in windows-1250 or Shift_JIS is, but for pure ASCII, never valid UTF-8).
 */
export function readHtml(path: string): string {
  const bytes = readFileSync(path);
  const head = bytes.subarray(0, 4096).toString('latin1');
  const declared = /<meta[^>]+charset\s*=\s*["']?\s*([\w-]+)/i.exec(head)?.[1];
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const label = bom || !declared || isUtf8(bytes) ? 'utf-8' : declared.toLowerCase();
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function isUtf8(bytes: Uint8Array): boolean {
  if (!bytes.some((b) => b >= 0x80)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The same page in linkedom, a DOM whose searches are loops (for pages too deep for happy-dom). */
export function linkedomPage(html: string, url: string): { document: Document; close: () => Promise<void> } {
  const { document } = parseHTML(html);
  Object.defineProperty(document, 'URL', { value: url });
  return { document: document as unknown as Document, close: async () => {} };
}

/**
 * The tab's limits, with more time: a DOM in Node is several times slower than a browser's, and a score must not
 * depend on how busy the machine is. The 200 ms bound on a user's tab is the browser's (test/e2e/hostile).
 */
export const NODE_LIMITS = { ...DEFAULT_LIMITS, maxMillis: 5000 };
