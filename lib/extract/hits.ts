import type { PhoneType, SignalSource } from './types';

/** One contact detail found on the page, anchored to the element it was found in. */
export interface Hit {
  kind: 'email' | 'phone';
  /** Email lower-cased, or the phone as written. */
  value: string;
  el: Element;
  source: SignalSource;
  phoneType: PhoneType;
}

// Domains reserved for documentation (RFC 2606) and file names that look like addresses ("logo@2x.png").
const NOT_A_MAILBOX = /(^|\.)(example\.(com|org|net)|example|test|invalid|localhost)$/;
const FILE_SUFFIX = /\.(png|jpe?g|gif|svg|webp|avif|ico|bmp|css|js|mjs|json|woff2?|ttf|mp4|webm|pdf)$/;
const EMAIL_SHAPE =
  /^[a-z0-9](?:[a-z0-9._%+'-]{0,62}[a-z0-9_%+-])?@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}$/;

/** Lower-cases an address and returns it when it can be a real mailbox, else null. */
export function cleanEmail(candidate: string): string | null {
  const email = candidate
    .trim()
    .replace(/^mailto:/i, '')
    .toLowerCase();
  if (email.length > 254 || !EMAIL_SHAPE.test(email) || email.includes('..')) return null;
  const domain = email.slice(email.indexOf('@') + 1);
  if (NOT_A_MAILBOX.test(domain) || FILE_SUFFIX.test(domain)) return null;
  return email;
}

const TYPE_WORDS: Array<[RegExp, PhoneType]> = [
  [/\b(fax|telefax)\b/i, 'fax'],
  [/\b(mobile?|mob|cell(ular)?|handy|m[oó]vil|portable|cellulare|celular|whatsapp)\b|\bm\s*[:.]/i, 'mobile'],
  [/\b(home|privat)\b/i, 'home'],
];

/** The kind of a phone number from the words written just before it. */
export function phoneTypeFrom(context: string): PhoneType {
  for (const [words, type] of TYPE_WORDS) if (words.test(context)) return type;
  return 'work';
}
