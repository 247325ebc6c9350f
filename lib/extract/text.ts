import { cleanEmail, type Hit, phoneTypeFrom } from './hits';

const EMAIL_IN_TEXT = /[a-z0-9][a-z0-9._%+'-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}/gi;
// "jane [at] acme [dot] com", "jane(at)acme.org", "jane {at} acme {dot} com": the brackets make intent unambiguous.
const OBFUSCATED_AT = /\s*[[({<]\s*(?:at|@|ät)\s*[\])}>]\s*/gi;
const OBFUSCATED_DOT = /\s*[[({<]\s*(?:dot|punkt|punto|point|\.)\s*[\])}>]\s*/gi;
const MAYBE_OBFUSCATED = /[[({<]\s*(?:at|@|ät)\s*[\])}>]/i;

const PHONE_IN_TEXT =
  /(?:(?:\+|00)\d{1,3}[\s.\u00a0/-]?)?(?:\(0?\d{1,5}\)[\s.\u00a0/-]?)?\d[\d\s.\u00a0/-]{4,18}\d(?:\s*(?:ext\.?|x|extension|Durchwahl|DW|#)\s*\d{1,6})?/gi;
// Words that announce a phone number just before it ("Tel.:", "Phone", "M:", "☎").
const PHONE_LABEL =
  /(?:^|[^a-z\u00c0-\u024f])(?:(?:tel|tele(?:fon|phone|fono)|phone|ph|fon|mobile?|mob|cell|handy|m[oó]vil|fax|call|direct|office|tél)\s*\.?\s*:?|[tmpfd]\s*[:.])\s*$|[☎📞✆]\s*$/iu;
const DATE_LIKE = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/;

const SKIPPED_TEXT_PARENTS = new Set(['CODE', 'PRE', 'KBD', 'SAMP', 'VAR', 'TEXTAREA', 'OPTION']);

/** Emails and phone numbers written in the page's visible text. */
export function textHits(root: Node, visible: (el: Element) => boolean): Hit[] {
  const doc = root.ownerDocument ?? (root as Document);
  const walker = doc.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  const hits: Hit[] = [];
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    const text = node.nodeValue ?? '';
    if (text.length < 5) continue;
    const el = node.parentElement;
    if (!el || SKIPPED_TEXT_PARENTS.has(el.tagName.toUpperCase()) || !visible(el)) continue;
    if (text.includes('@') || MAYBE_OBFUSCATED.test(text)) emailsIn(text, el, hits);
    if (/\d{2}/.test(text)) phonesIn(text, el, hits);
  }
  return hits;
}

function emailsIn(text: string, el: Element, hits: Hit[]): void {
  const plain = MAYBE_OBFUSCATED.test(text) ? text.replace(OBFUSCATED_AT, '@').replace(OBFUSCATED_DOT, '.') : text;
  for (const match of plain.matchAll(EMAIL_IN_TEXT)) {
    const email = cleanEmail(match[0].replace(/\.+$/, ''));
    if (email) hits.push({ kind: 'email', value: email, el, source: 'text', phoneType: 'work' });
  }
}

function phonesIn(text: string, el: Element, hits: Hit[]): void {
  for (const match of text.matchAll(PHONE_IN_TEXT)) {
    const raw = match[0].trim();
    const digits = raw.replace(/(?:ext\.?|x|extension|Durchwahl|DW|#)\s*\d+$/i, '').replace(/\D/g, '');
    if (digits.length < 7 || digits.length > 15 || DATE_LIKE.test(raw)) continue;
    const before = text.slice(Math.max(0, (match.index ?? 0) - 30), match.index ?? 0);
    const context = before.trim() === '' ? labelBefore(el) : before;
    const international = /^(\+|00)/.test(raw);
    if (!international && !raw.includes('(') && !PHONE_LABEL.test(context)) continue;
    hits.push({ kind: 'phone', value: raw, el, source: 'text', phoneType: phoneTypeFrom(context) });
  }
}

/** The label written in the element before a number's own element, e.g. <dt>Phone</dt><dd>…</dd>. */
function labelBefore(el: Element): string {
  const prev = el.previousElementSibling ?? el.parentElement?.previousElementSibling;
  const own = el.previousSibling?.textContent ?? '';
  return `${prev?.textContent?.slice(-30) ?? ''} ${own.slice(-30)}`.trim();
}
