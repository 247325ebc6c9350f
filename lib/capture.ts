import type { Finished } from './capture-finish';
import type { CaptureResult } from './capture-result';
import { entitiesToWire } from './extract/extension/wire';
// The bounds the page side keeps to, held again here before parse5 reads what the tab returned.
import { MAX_SNAPSHOT, MAX_SNAPSHOTS } from './extract/page/snapshot';
import { type Injected, injectExtractor } from './inject';
import { sendMessage } from './messages';

export type CaptureOutcome =
  /** `truncated`: the page was larger than one capture reads (only its first part, or its first 200 people). */
  | { ok: true; result: CaptureResult; tabId: number; truncated: boolean }
  | { ok: false; error: string; tabId: number | null };

/**
 * What the extraction script returned, interpreted into people. The worker does it (lib/capture-finish.ts): its
 * interpreter stays compiled between opens. The popup reads the page's marked-up parts itself, since their readers
 * (parse5, 180 KB) load only for a page that has some; and where the worker does not answer, even after the
 * restart a second message gives it, the popup loads the interpreter and finishes the capture itself.
 */
export async function readCapture(
  injected: Injected,
  options: { region?: string | null } = {},
): Promise<CaptureOutcome> {
  if (!injected.ok) return injected;
  const value = injected.value as { snapshots?: unknown; url?: unknown } | null;
  const snapshots = (Array.isArray(value?.snapshots) ? (value.snapshots as unknown[]) : [])
    .slice(0, MAX_SNAPSHOTS)
    .filter((s): s is string => typeof s === 'string' && s.length <= MAX_SNAPSHOT);
  const markup =
    snapshots.length > 0
      ? entitiesToWire((await import('./extract/extension/markup')).markupEntities(snapshots, String(value?.url ?? '')))
      : { nodes: [], roots: [] };
  const region = options.region ?? null;
  const ask = () => sendMessage({ type: 'capture.finish', raw: injected.value, region, markup }, 10_000);
  let reply = await ask();
  if (!reply.ok) reply = await ask();
  const finished: Finished = reply.ok
    ? reply.value
    : (await import('./capture-finish')).finishRaw(injected.value, region, markup);
  if ('invalid' in finished) {
    return {
      ok: false,
      error: 'This page returned something unexpected. Fill in the form by hand.',
      tabId: injected.tabId,
    };
  }
  return { ok: true, result: finished.result, tabId: injected.tabId, truncated: finished.truncated };
}

/** Runs the extraction script in the tab and returns its people, or a sentence saying why it could not. */
export async function captureTab(
  options: { region?: string | null; selectionOnly?: boolean } = {},
): Promise<CaptureOutcome> {
  return readCapture(await injectExtractor(options), options);
}
