import { type CaptureResult, RawCaptureSchema } from './capture-result';
import { finishCapture } from './extract/extension/finish';
import { entitiesFromWire } from './extract/extension/wire';

export type Finished = { result: CaptureResult; truncated: boolean } | { invalid: true };

/**
 * The second half of a capture, in the worker: what the tab returned, checked (it ran on a stranger's page), and
 * interpreted into people with the full phone metadata. The worker keeps this code compiled between opens of the
 * popup, which would otherwise load and compile it (with libphonenumber's metadata, 156 KB) every time it opens.
 * `markup`: the page's marked-up parts as read by the popup (lib/extract/extension/wire.ts).
 */
export function finishRaw(value: unknown, region: string | null, markup: unknown): Finished {
  const parsed = RawCaptureSchema.safeParse(value);
  if (!parsed.success) return { invalid: true };
  return {
    result: finishCapture(parsed.data, { region, markup: entitiesFromWire(markup) }),
    truncated: parsed.data.truncated,
  };
}
