/**
 * The one sanitiser for text that enters a contact, used by extraction (lib/extract/extension/finish.ts), the form
 * (lib/form.ts) and the exports (lib/export.ts). It removes what a person cannot see but a program acts on:
 * - every Unicode format character (category Cf: zero-width spaces and joiners, bidirectional marks, overrides and
 *   isolates, the Arabic letter mark U+061C, soft hyphens, the byte-order mark, the tag characters U+E0001–E007F);
 * - Hangul fillers (U+115F, U+1160, U+3164, U+FFA0), letters that draw nothing and are used to fake blank names;
 * - control characters (C0 and C1, NEL U+0085 included) and broken UTF-16 halves;
 * and it turns every line break a reader may honour (CR, LF, NEL, U+2028, U+2029, VT, FF) into a space, or, in a
 * multi-line field, into "\n" — so no field can start a new line in a vCard, a CSV or a CRM note. Then it bounds the
 * length.
 */
const FORMAT = /[\p{Cf}\u115f\u1160\u3164\uffa0]/gu;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the line breaks are what this removes.
const BREAKS = /\r\n|[\n\r\u000b\u000c\u0085\u2028\u2029]/g;
// Controls other than the breaks above (and tab, which becomes a space).
// biome-ignore lint/suspicious/noControlCharactersInRegex: the controls are what this removes.
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f-\u0084\u0086-\u009f]/g;

export function sanitizeText(text: string, options: { max?: number; multiline?: boolean } = {}): string {
  let out = String(text).replace(LONE_SURROGATE, '\ufffd').replace(FORMAT, '').replace(/\t/g, ' ').replace(CONTROL, '');
  if (options.multiline) {
    out = out
      .replace(BREAKS, '\n')
      .split('\n')
      .map((line) => line.replace(/[^\S\n]+/g, ' ').trim())
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();
  } else {
    out = out.replace(BREAKS, ' ').replace(/\s+/g, ' ').trim();
  }
  if (options.max !== undefined && out.length > options.max) {
    out = out.slice(0, options.max);
    // Never end on half of a surrogate pair.
    if (/[\ud800-\udbff]$/.test(out)) out = out.slice(0, -1);
  }
  return out;
}

/**
 * A web address no longer than `max`: kept whole when it fits, else without its query and fragment, else its
 * origin, else nothing — a long tracking URL never fails a save. Only http(s) addresses are kept.
 */
export function boundUrl(url: string, max: number): string {
  const text = sanitizeText(url);
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return '';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return '';
  for (const candidate of [parsed.href, `${parsed.origin}${parsed.pathname}`, `${parsed.origin}/`]) {
    if (candidate.length <= max) return candidate;
  }
  return '';
}
