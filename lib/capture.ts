import { type CaptureResult, RawCaptureSchema } from './capture-result';
import { finishCapture } from './extract/extension/finish';
import { type Injected, injectExtractor } from './inject';

export type CaptureOutcome =
  /** `truncated`: the page was larger than one capture reads (only its first part, or its first 200 people). */
  | { ok: true; result: CaptureResult; tabId: number; truncated: boolean }
  | { ok: false; error: string; tabId: number | null };

/** What the extraction script returned, checked (it ran on a stranger's page) and interpreted into people. */
export async function readCapture(
  injected: Injected,
  options: { region?: string | null } = {},
): Promise<CaptureOutcome> {
  if (!injected.ok) return injected;
  const parsed = RawCaptureSchema.safeParse(injected.value);
  if (!parsed.success) {
    return {
      ok: false,
      error: 'This page returned something unexpected. Fill in the form by hand.',
      tabId: injected.tabId,
    };
  }
  // The microdata, RDFa and microformats readers (parse5, microformats-parser) load only for a page that has some.
  const raw = parsed.data;
  const markup =
    raw.snapshots.length > 0 ? (await import('./extract/extension/markup')).markupEntities(raw.snapshots, raw.url) : [];
  return {
    ok: true,
    result: finishCapture(raw, { region: options.region ?? null, markup }),
    tabId: injected.tabId,
    truncated: raw.truncated,
  };
}

/** Runs the extraction script in the tab and returns its people, or a sentence saying why it could not. */
export async function captureTab(
  options: { region?: string | null; selectionOnly?: boolean } = {},
): Promise<CaptureOutcome> {
  return readCapture(await injectExtractor(options), options);
}
