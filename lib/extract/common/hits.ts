import type { PhoneType, SignalSource } from './types';

/** One contact detail found on the page, anchored to the element it was found in. */
export interface Hit {
  kind: 'email' | 'phone' | 'link';
  /** Email lower-cased, the phone as written, or the profile URL. */
  value: string;
  el: Element;
  /** Position in the page's text, in characters: orders hits and names and measures the distance between them. */
  offset: number;
  source: SignalSource;
  phoneType: PhoneType;
  /** For details written in text: the words just before, in the same text (a name in a sentence). */
  before?: string;
}

// Domains reserved for documentation (RFC 2606), file names that look like addresses ("logo@2x.png"), and
// the error-tracking and hosting hosts whose addresses are machine ids, not people.
const NOT_A_MAILBOX =
  /(^|\.)(example\.(com|org|net)|example|test|invalid|localhost|sentry\.io|wixpress\.com|sentry-next\.wixpress\.com)$/;
const FILE_SUFFIX = /\.(png|jpe?g|gif|svg|webp|avif|ico|bmp|css|js|mjs|json|woff2?|ttf|mp4|webm|pdf)$/;
const EMAIL_SHAPE =
  /^[a-z0-9](?:[a-z0-9._%+'-]{0,62}[a-z0-9_%+-])?@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/;
const MACHINE_LOCAL = /^[0-9a-f]{16,}$|^(noreply|no-reply|donotreply|do-not-reply|mailer-daemon|postmaster)$/;
// Placeholders that explain a pattern ("username at lakeshore dot edu", "vorname.nachname@firma.de").
const PLACEHOLDER_LOCAL =
  /^(user(name)?|your[._-]?(name|email|address)?|first[._-]?name([._-]?last[._-]?name)?|firstname[._-]?lastname|name[._-]?surname|vorname([._-]?nachname)?|prenom([._-]?nom)?|pr[ée]nom[._-]?nom|nombre([._-]?apellido)?|nome([._-]?cognome)?|someone|somebody|x{3,})$/;

// Zero-width characters, bidirectional overrides and isolates, soft hyphens: invisible, and used to disguise text.
const INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]/g;
const HAS_INVISIBLE = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad]/;

/** The text as a person reads it: "Ja\u200bne" is "Jane". */
export function stripInvisible(text: string): string {
  return HAS_INVISIBLE.test(text) ? text.replace(INVISIBLE, '') : text;
}

/** Lower-cases an address and returns it when it can be a real mailbox, else null. */
export function cleanEmail(candidate: string): string | null {
  const email = stripInvisible(candidate)
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
  if (email.length > 254 || !EMAIL_SHAPE.test(email) || email.includes('..')) return null;
  const at = email.indexOf('@');
  const domain = email.slice(at + 1);
  if (
    NOT_A_MAILBOX.test(domain) ||
    FILE_SUFFIX.test(domain) ||
    MACHINE_LOCAL.test(email.slice(0, at)) ||
    PLACEHOLDER_LOCAL.test(email.slice(0, at))
  )
    return null;
  return email;
}

const TYPE_WORDS: Array<[RegExp, PhoneType]> = [
  [/\b(fax|telefax|f)\b\s*[:.]?\s*$|\bfax\b/i, 'fax'],
  [
    /\b(mobile?|mob|mobil|cell(ular)?|cel|handy|m[oó]vil|portable|cellulare|celular|telem[oó]vel|whatsapp|gsm|mobiel|matkapuhelin|komórka|kom)\b|\bm\s*[:.]\s*$|携帯|휴대/i,
    'mobile',
  ],
  [/\b(home|privat)\b/i, 'home'],
];

/** The kind of a phone number from the label written just before it (after any earlier number). */
export function phoneTypeFrom(context: string): PhoneType {
  const near = context.slice(-40).replace(/^[\s\S]*\d/, '');
  for (const [words, type] of TYPE_WORDS) if (words.test(near)) return type;
  return 'work';
}
