import { cleanEmail, type Hit, phoneTypeFrom } from './hits';
import { labelBefore } from './links';

const EMAIL_IN_TEXT = /[a-z0-9][a-z0-9._%+'-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,24}/gi;
// "jane [at] acme [dot] com", "jane(at)acme.org", "jane {at} acme {dot} com": the brackets make intent unambiguous.
const BRACKETED_AT = /\s*[[({<]\s*(?:at|@|ät|arroba|chez)\s*[\])}>]\s*/gi;
const BRACKETED_DOT = /\s*[[({<]\s*(?:dot|punkt|punto|point|\.)\s*[\])}>]\s*/gi;
const MAYBE_BRACKETED = /[[({<]\s*(?:at|@|ät|arroba|chez)\s*[\])}>]/i;
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

function phonesIn(text: string, el: Element, offset: number, phoneHint: () => boolean, out: Hit[]): void {
  for (const match of text.matchAll(PHONE_IN_TEXT)) {
    const raw = match[0].trim().replace(/[\s.\u00a0/-]+$/, '');
    const digits = raw.replace(EXTENSION, '').replace(/\D/g, '');
    if (digits.length < 6 || digits.length > 15 || DATE_LIKE.test(raw)) continue;
    const at = match.index ?? 0;
    // A number glued to letters or other digits is part of something else (an IBAN, an order id, a product code).
    const before = text.charAt(at - 1);
    const after = text.charAt(at + match[0].length);
    if (/[\p{L}\d#€$£¥]/u.test(before) || /[\p{L}\d€$£%]/u.test(after) || /^\d{1,3}([.,]\d{3})+$/.test(raw)) continue;
    const preceding = text.slice(Math.max(0, at - 40), at);
    const context = preceding.trim() === '' ? labelBefore(el) : preceding;
    if (NOT_PHONE_LABEL.test(preceding)) continue;
    const international = /^(\+|00)/.test(raw);
    // Without a label, a number written on the same line as an email ("VD, anna@…, 070-123 45 67") is a phone too.
    if (!international && !raw.startsWith('(') && !PHONE_LABEL.test(context) && !text.includes('@') && !phoneHint())
      continue;
    out.push({
      kind: 'phone',
      value: raw,
      el,
      offset: offset + at,
      source: 'text',
      phoneType: phoneTypeFrom(context),
      before: text.slice(Math.max(0, at - 400), at),
    });
  }
}

/** "jane.doe at acme.org" counts only where it is unambiguous: a name-like local part or a spelled-out "dot". */
export function resolveSpelledOut(spelled: SpelledOutEmail[], out: Hit[]): void {
  for (const s of spelled) {
    const domain = s.domain.toLowerCase();
    const local = s.local.toLowerCase();
    if (!/\.[a-z]{2,24}$/.test(domain) || STOP_LOCAL.has(local)) continue;
    // "Learn more at acme.io" is prose; a spelled-out "dot" or a name-like local part ("jane.doe") is an address.
    if (!/[._-]/.test(local) && !s.dotted) continue;
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
