import { cleanEmail, type Hit, phoneTypeFrom } from '../common/hits';
import { closest } from './dom';
import { labelBefore } from './links';

// Linear on any text: a match starts only where an address can (not inside a run of letters), and every part
// is bounded, so 100,000 letters before an "@" cost one short try, not one per letter.
const EMAIL_IN_TEXT =
  /(?<![a-z0-9._%+'-])[a-z0-9][a-z0-9._%+'-]{0,63}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){0,8}\.[a-z]{2,24}/gi;
// "jane [at] acme [dot] com", "jane(at)acme.org", "jane {at} acme {dot} com": the brackets make intent unambiguous.
// Spaces around the brackets are bounded: an unbounded \s* before a bracket retries at every space of a long run.
const BRACKETED_AT =
  /[ \t\u00a0]{0,3}[[({<][ \t\u00a0]{0,3}(?:at|@|ät|arroba|chez)[ \t\u00a0]{0,3}[\])}>][ \t\u00a0]{0,3}/gi;
const BRACKETED_DOT =
  /[ \t\u00a0]{0,3}[[({<][ \t\u00a0]{0,3}(?:dot|punkt|punto|point|\.)[ \t\u00a0]{0,3}[\])}>][ \t\u00a0]{0,3}/gi;
const MAYBE_BRACKETED = /[[({<][ \t\u00a0]{0,3}(?:at|@|ät|arroba|chez)[ \t\u00a0]{0,3}[\])}>]/i;
// "jane at acme dot com" and "jane.doe at acme.org" in prose; checked for ambiguity before it counts.
const SPELLED_OUT =
  /\b([a-z0-9][a-z0-9._-]{0,40})\s+(?:at|AT)\s+([a-z0-9-]{2,63}(?:(?:\s+(?:dot|DOT)\s+|\.)[a-z0-9-]{2,63}){1,3})\b/gi;

// Cheap test before the full pattern: prose says " at " often, an address rarely.
const SPELLED_HINT = / at [a-z0-9-]{2,63}(?: dot |\.[a-z])/i;

// Cheap test before the full pattern: six or more digits and separators in a row.
const DIGIT_RUN = /\d[\d\s.\u00a0/()-]{4,}\d/;

const PHONE_IN_TEXT =
  /(?:(?:\+|00)\d{1,3}[\s.\u00a0/-]?|\(\+\d{1,3}\)\s?)?(?:\(0?\d{1,5}\)[\s.\u00a0/-]?)?\d[\d\s.\u00a0/-]{4,18}\d(?:\s*(?:ext\.?|x|extension|Durchwahl|DW|Nebenstelle|poste|interno)\s*\d{1,6})?/gi;
// Words that announce a phone number just before it ("Tel.:", "Phone", "M:", "☎"), in the languages of the corpus.
const PHONE_LABEL =
  /(?:^|[^a-z\u00c0-\u024f])(?:(?:tel|tlf|tfn|tele(?:fon|phone|fono|foon|fone)|phone|ph|fon|mobile?|mobil|mob|cel|cell|handy|m[oó]vil|telem[oó]vel|portable|gsm|fax|telefax|call|direct|direkt|durchwahl|landline|festnetz|office|switchboard|t[ée]l[ée]?|τηλ|電話|전화|tel[ée]fono|numer|nr\.? tel|kom|v[äa]xel|vxl|sentralbord|centralita|centralino|zentrale|switchboard|reception|hotline)(?:\s+(?:line|dial|number|no|nr))?\s*\.?\s*(?:\([^)]{0,20}\))?\s*[:.：]?|[tmpfdo]\s*[:.：])\s*$|^\s*[tmfpdo]\s+$|[☎📞✆📱]\s*$/iu;
// Registry, tax, bank and order numbers are written with a label just before them: never a phone.
const NOT_PHONE_LABEL =
  /\b(?:rcs|siren|siret|company\s*(?:no|nr|number|reg(?:istration)?)|reg(?:istration|ister|istro)?\.?\s*(?:no|nr|number|n[º°o])|hr[ab]|vat|ust(?:-?id)?(?:nr)?|uid|cif|nif|nipc|kvk|abn|acn|cnpj|cpf|gst(?:in)?|ein|iban|bic|swift|npi|isbn|issn|order|invoice|rechnung|bestell\w*|ref(?:erence)?|tracking|account|konto|blz|steuer\w*|tax|licen[cs]e|lic|nip|regon|krs|org\.?\s*nr|orgnr|cvr|y-tunnus|i[čc]o|di[čc]|sku|art\.?\s*nr|id)\b\.?[^\d\n]{0,24}$/i;
const LIST_GAP = /^[\s;,/|–-]*(?:\p{L}{1,12}\.?\s*:?\s*)?$/u;
const SHARED_PREFIX = /(\+?\d[\d\s.()-]{5,16}\d)\/(\d{2,4})(?![\d/])/g;
const DATE_LIKE = /^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$/;
const EXTENSION = /\s*(?:ext\.?|x|extension|Durchwahl|DW|Nebenstelle|poste|interno)\s*\d+$/i;

export interface SpelledOutEmail {
  local: string;
  domain: string;
  el: Element;
  offset: number;
  before: string;
  /** "dot" was spelled out: intent to obfuscate, so the address is meant. */
  dotted: boolean;
}

/** Emails and phone numbers in one visible text node (invisible characters already stripped by the scan). */
export function textHits(
  text: string,
  el: Element,
  offset: number,
  phoneHint: () => boolean,
  out: Hit[],
  spelled: SpelledOutEmail[],
): void {
  if (text.includes('@') || MAYBE_BRACKETED.test(text)) emailsIn(text, el, offset, out);
  else if (SPELLED_HINT.test(text)) {
    for (const m of text.matchAll(SPELLED_OUT)) {
      const at = m.index ?? 0;
      spelled.push({
        local: m[1] ?? '',
        domain: (m[2] ?? '').replace(/\s+dot\s+/gi, '.'),
        el,
        offset: offset + at,
        before: text.slice(Math.max(0, at - 400), at),
        // A spelled-out "dot", or "AT" in capitals ("dhammika AT ce.pdn.ac.lk"), is written to disguise an address.
        dotted: /\sdot\s/i.test(m[2] ?? '') || /\sAT\s/.test(m[0]),
      });
    }
  }
  if (DIGIT_RUN.test(text)) phonesIn(text, el, offset, phoneHint, out);
}

function emailsIn(text: string, el: Element, offset: number, out: Hit[]): void {
  const plain = MAYBE_BRACKETED.test(text)
    ? text.replace(BRACKETED_AT, '@').replace(BRACKETED_DOT, '.')
    : text.replace(BRACKETED_DOT, '.');
  for (const match of plain.matchAll(EMAIL_IN_TEXT)) {
    const email = cleanEmail(match[0].replace(/\.+$/, ''));
    const at = match.index ?? 0;
    if (email) {
      const before = plain.slice(Math.max(0, at - 400), at);
      out.push({ kind: 'email', value: email, el, offset: offset + at, source: 'text', phoneType: 'work', before });
    }
  }
}

function phonesIn(raw: string, el: Element, offset: number, phoneHint: () => boolean, out: Hit[]): void {
  // "971 504 472 - 971 504 002": two numbers joined by a spaced dash or slash become two (same length, same offsets).
  // Only where both sides hold a whole number: "+49 221 / 50 80 00" is one number written with its area code apart.
  const digits = (s: string) => s.replace(/\D/g, '').length;
  const text = raw
    .replace(/(\+?\d[\d ]{5,20})\s[-–/]\s(?=([+(]?\d[\d ]{5,20}))/g, (all, left: string, right: string) =>
      digits(left) >= 7 && digits(right) >= 7 && !left.startsWith('+') ? `${left} ; ` : all,
    )
    // "35982021/90954571": two whole numbers of the same length joined by a bare slash (a home and a mobile).
    .replace(/(?<![\d+/])(\d{7,12})\/(\d{7,12})(?![\d/])/g, (all, left: string, right: string) =>
      left.length === right.length ? `${left} ; ${right}` : all,
    );
  // A list of numbers on one line ("Tel.: 971 504 472 ; 971 504 002"): the next after a phone is one too.
  let lastEnd = -1;
  for (const found of text.matchAll(PHONE_IN_TEXT)) {
    const match: Run = { 0: found[0], index: found.index ?? 0 };
    const listed = lastEnd >= 0 && LIST_GAP.test(text.slice(lastEnd, match.index));
    if (phoneIn(text, match, el, offset, phoneHint, out, listed)) lastEnd = match.index + match[0].length;
  }
  // "021-6887 7803/7805": numbers that share all but their last digits, written once: both are read.
  for (const m of text.matchAll(SHARED_PREFIX)) {
    const [whole = '', head = '', tail = ''] = m;
    const start = m.index ?? 0;
    const second = head.slice(0, head.length - tail.length) + tail;
    // Each is read as if written alone in the place of the pair, so the label before them still counts.
    const alone = (number: string) => `${text.slice(0, start)}${number}${text.slice(start + whole.length)}`;
    phoneIn(alone(head), { 0: head, index: start }, el, offset, phoneHint, out);
    phoneIn(alone(second), { 0: second, index: start }, el, offset, phoneHint, out);
  }
}

const ADDRESS_BLOCK = 'address,.address,.adr,.h-adr,.p-adr,[itemprop~="address"]';

/** A number found in a text: what it reads and where it starts. */
interface Run {
  0: string;
  index: number;
}

function phoneIn(
  text: string,
  match: Run,
  el: Element,
  offset: number,
  phoneHint: () => boolean,
  out: Hit[],
  listed = false,
): boolean {
  const raw = match[0].trim().replace(/[\s.\u00a0/-]+$/, '');
  const digits = raw.replace(EXTENSION, '').replace(/\D/g, '');
  if (digits.length < 6 || digits.length > 15 || DATE_LIKE.test(raw)) return false;
  const at = match.index;
  // A number glued to letters or other digits is part of something else (an IBAN, an order id, a product code).
  const before = text.charAt(at - 1);
  const after = text.charAt(at + match[0].length);
  // …except an international number glued to the next label ("+49 6123 9238-253Allgemein: …").
  const gluedLabel = /^(\+|00)/.test(raw) && /\p{Lu}/u.test(after);
  if (
    /[\p{L}\d#€$£¥]/u.test(before) ||
    (/[\p{L}\d€$£%]/u.test(after) && !gluedLabel) ||
    /^\d{1,3}([.,]\d{3})+$/.test(raw)
  )
    return false;
  const preceding = text.slice(Math.max(0, at - 40), at);
  const context = preceding.trim() === '' ? labelBefore(el) : preceding;
  if (NOT_PHONE_LABEL.test(preceding)) return false;
  const international = /^(\+|00)/.test(raw);
  // A number on a line of its own, written in groups ("0845 766 5522", "254-796-2182"), is written to be dialled.
  // So is one after a short label of any words ("Reservations: 888-264-5494", "Trellis: 425-284-5900").
  const grouped = (raw.match(/\d[\s.\u00a0/-]+\d/g)?.length ?? 0) >= 2;
  const lead = text.slice(0, at);
  const ownLine = lead.trim() === '' || /^[^\d:@]{2,30}:\s*$/.test(lead);
  const rest = text.slice(at + match[0].length).trim();
  // A place or a line named after it may follow: "740-368-3709 (Sanborn)".
  const alone = grouped && ownLine && (rest === '' || /^\([^()\d]{2,30}\)$/.test(rest));
  // Without a label, a number written on the same line as an email ("VD, anna@…, 070-123 45 67") is a phone too.
  if (
    !international &&
    !alone &&
    !listed &&
    !raw.startsWith('(') &&
    !PHONE_LABEL.test(context) &&
    !text.includes('@') &&
    // A number written in groups in an address block ("Atlanta, Georgia 30322 USA 404.727.6123") is its phone.
    !(grouped && closest(el, ADDRESS_BLOCK) !== null) &&
    !phoneHint()
  )
    return false;
  out.push({
    kind: 'phone',
    value: raw,
    el,
    offset: offset + at,
    source: 'text',
    phoneType: phoneTypeFrom(context),
    before: text.slice(Math.max(0, at - 400), at),
  });
  return true;
}

/** "jane.doe at acme.org" counts only where it is unambiguous: a name-like local part or a spelled-out "dot". */
export function resolveSpelledOut(spelled: SpelledOutEmail[], out: Hit[]): void {
  // A disguise a list or a table column repeats ("kbean at hico-isd.net" in every row) is meant in every row.
  const perDomain = new Map<string, number>();
  for (const s of spelled) perDomain.set(s.domain.toLowerCase(), (perDomain.get(s.domain.toLowerCase()) ?? 0) + 1);
  for (const s of spelled) {
    const domain = s.domain.toLowerCase();
    const local = s.local.toLowerCase();
    if (!/\.[a-z]{2,24}$/.test(domain) || STOP_LOCAL.has(local)) continue;
    // "Learn more at acme.io" is prose; a spelled-out "dot" or a name-like local part ("jane.doe") is an address.
    if (!/[._-]/.test(local) && !s.dotted && (perDomain.get(domain) ?? 0) < 3) continue;
    const email = cleanEmail(`${local}@${domain}`);
    if (email)
      out.push({
        kind: 'email',
        value: email,
        el: s.el,
        offset: s.offset,
        source: 'text',
        phoneType: 'work',
        before: s.before,
      });
  }
}

const STOP_LOCAL = new Set([
  'us',
  'we',
  'are',
  'is',
  'be',
  'me',
  'them',
  'you',
  'look',
  'available',
  'based',
  'find',
  'meet',
  'see',
  'arrive',
  'stop',
  'work',
  'works',
  'worked',
  'here',
  'there',
  'visit',
  'live',
  'located',
  'stay',
  'and',
  'or',
  'him',
  'her',
  'it',
]);
