import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Candidate, CaptureResult, Phone } from '../../capture-result';
import { sanitizeText } from '../../text';
import { cleanEmail } from '../common/hits';
import { isRoleMailbox } from '../common/mailboxes';
import { asPersonName, nameFromEmail, splitName } from '../common/names';
import type { RawCandidate, RawCapture } from '../common/types';
import type { Entity } from './entities';
import { PLATFORM_HOST, profilePerson } from './profile';
import { inferRegion } from './region';
import { companyOf, isEventPage, splitRole, titleOf } from './roles';
import { hostLabel, sameAsHost, siteFacts } from './site';

/**
 * `markup`: the page's marked-up snapshots as entities (./markup.ts, loaded only when a page has some).
 * Turns what the page gave into a CaptureResult: phones validated to E.164 with full metadata, names split,
 * the same person found twice (a card and its JSON-LD) merged, candidates ranked. Runs outside the page (popup,
 * CLI): libphonenumber's metadata is too heavy to inject into every page.
 */
export function finishCapture(
  raw: RawCapture,
  options: { region?: string | null; markup?: Entity[] } = {},
): CaptureResult {
  const site = siteFacts(raw, options.markup);
  const profile = profilePerson(raw);
  // Structured data first: what the page declares owns its details (./finish.ts merge); then a profile's person.
  const candidates = [...site.people, ...(profile ? [profile] : []), ...raw.candidates];
  const numberRegions = candidates.flatMap((c) =>
    c.phones.flatMap((p) =>
      /^\s*(\+|00)/.test(p.raw) ? (parsePhoneNumberFromString(p.raw.replace(/^\s*00/, '+'))?.country ?? []) : [],
    ),
  );
  const region =
    options.region ??
    inferRegion({
      url: raw.url,
      lang: raw.lang,
      countryHints: site.countryHints,
      numberRegions,
      emails: candidates.flatMap((c) => c.emails).slice(0, 500),
    });
  const eventPage = isEventPage(raw.title, raw.heading);
  const declared = new WeakSet<Candidate>();
  const readers = new WeakSet<Candidate>();
  const finished = candidates.map((c, i) => {
    const done = finishCandidate(c, region, eventPage);
    // A declared card with only a role (a résumé's contact card) is still the page's statement of a person.
    if (c.declared && (done.name || done.company || done.title)) declared.add(done);
    if (i < site.people.length) readers.add(done);
    return done;
  });
  // People the page declares (structured data) stay without a channel; anyone else needs an e-mail or a phone.
  const merged = merge(finished, declared, readers).filter(
    (c) => c.emails.length > 0 || c.phones.length > 0 || declared.has(c),
  );
  // A profile page names its person (heading, meta tags): the one nameless personal address there is theirs.
  const personName = profile?.name ?? (raw.metaPerson ? asPersonName(raw.metaPerson) : null);
  const nameless = merged.filter((c) => !c.name && c.emails.length > 0);
  const [only] = nameless;
  if (personName && only && nameless.length === 1 && !isRoleMailbox(only.emails[0] ?? '')) {
    const person = merged.find((c) => c.name?.full.toLowerCase() === personName.toLowerCase());
    if (!person) {
      only.name = { full: personName, ...splitName(personName, region) };
      only.sources.push('meta');
    } else if (person.emails.length === 0 && person.phones.length === 0) {
      person.emails.push(...only.emails);
      person.phones.push(...only.phones);
      merged.splice(merged.indexOf(only), 1);
    }
  }
  const registered = registeredNames([...(raw.legalTexts ?? []), ...raw.siteTexts]);
  const employer = siteEmployer(raw.url, companyOf(cleanOrNull(site.siteName)), dominantDomain(merged));
  for (const c of merged) {
    c.company ??= employer(c) ?? spelledBy(c.emails, site.legalNames, registered);
    if (!c.name && c.emails[0]) {
      const derived = nameFromEmail(c.emails[0]);
      if (derived) {
        c.name = { full: derived, ...splitName(derived, region) };
        c.sources.push('email-derived');
      }
    }
    if (c.name && !c.name.first) Object.assign(c.name, splitName(c.name.full, region));
    c.confidence = confidenceOf(c);
  }
  merged.sort((a, b) => b.confidence - a.confidence);
  return { url: raw.url, region, candidates: merged };
}

/** The address's domain as one word: "10oclock" for info@10-o-clock.de. */
const emailLabel = (email: string) => hostLabel(`https://${email.split('@')[1] ?? ''}/`).replace(/[^a-z0-9]/g, '');

/** The registered company whose name the address's domain spells: info@10-o-clock.de ↔ "10 o'clock GmbH". */
function spelledBy(emails: string[], legalNames: string[], registered: Map<string, string>): string | null {
  for (const email of emails) {
    const label = emailLabel(email);
    const name = legalNames.find((n) => sameAsHost(n, label)) ?? (label.length >= 4 ? registered.get(label) : null);
    if (name) return companyOf(name);
  }
  return null;
}

const LEGAL_WORD =
  /^(?:GmbH|AG|KG|UG|e\.V\.|Ltd\.?|Limited|LLC|LLP|PLC|plc|Inc\.?|Corp\.?|Corporation|S\.A\.|SA|SAS|SARL|S\.L\.|SL|S\.r\.l\.|S\.p\.A\.|B\.V\.|BV|N\.V\.|Oy|AB|A\/S|ApS|AS|s\.r\.o\.)[,.;]?$/;

/**
 * Registered names written in any case ("10 o'clock GmbH"), keyed by their words before the legal form as one
 * word ("10oclock"), the first written for each: read once per capture, looked up per address.
 */
function registeredNames(texts: string[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const text of texts.slice(0, 40)) {
    const words = text.slice(0, 2000).split(/\s+/);
    for (let i = 1; i < words.length; i++) {
      if (!LEGAL_WORD.test(words[i] ?? '')) continue;
      for (let n = 1; n <= 5 && n <= i; n++) {
        const before = words.slice(i - n, i).join(' ');
        const key = squash(before);
        if (!names.has(key)) names.set(key, `${before} ${(words[i] ?? '').replace(/[,;]$/, '')}`);
      }
    }
  }
  return names;
}

/**
 * The site's organisation as the company of a candidate found on it: on a company's own site, not on a platform
 * (a LinkedIn profile does not work for LinkedIn), and not for someone whose address is at another domain.
 */
function siteEmployer(url: string, siteName: string | null, dominant: string | null): (c: Candidate) => string | null {
  let host = '';
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    // A file or an odd address: no host to compare with.
  }
  if (!siteName || PLATFORM_HOST.test(host)) return () => null;
  const label = hostLabel(url);
  const own = squash(siteName);
  const sameOrganisation = (email: string) => {
    const domain = email.split('@')[1] ?? '';
    // A certified-mail box (legalmail.it) or a shared mailbox at a webmail (info@gmail.com) names no other
    // organisation; a person's own gmail address on a personal site says nothing of an employer.
    if (CERTIFIED_MAIL.test(domain)) return true;
    // …nor one named as the site (kaieteurnews@yahoo.com on kaieteurnewsonline.com).
    if (WEBMAIL.test(domain) && (isRoleMailbox(email) || sameAsHost(email.split('@')[0] ?? '', label))) return true;
    // riteh.uniri.hr on ailab-riteh.github.io: a part of the address names the site, or the site the address.
    const parts = domain.split('.').slice(0, -1);
    return (
      domain.includes(label) || domain === dominant || parts.some((p) => p.length >= 4 && label.split('-').includes(p))
    );
  };
  return (c) => {
    // A personal site is named after its person ("Jon Barron", kikobeats.com): that is nobody's employer.
    if (c.name !== null && squash(c.name.full) === own) return null;
    return c.emails.length === 0 || label === '' || c.emails.some(sameOrganisation) ? siteName : null;
  };
}

const squash = (text: string) =>
  text
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

/** Domains that give anyone a mailbox. */
const WEBMAIL =
  /^(?:gmail|googlemail|yahoo|ymail|outlook|hotmail|live|msn|icloud|me|aol|gmx|web|t-online|freenet|libero|virgilio|alice|tiscali|orange|wanadoo|free|laposte|sfr|proton|protonmail|yandex|mail|rambler|inbox|qq|163|126|naver|daum|hanmail|uol|bol|terra|seznam|centrum|wp|o2|interia|onet)\.(?:com|net|org|de|it|fr|es|ru|cz|pl|kr|br|com\.br|co\.uk|co\.jp|cn|me|ch|at)$/i;
/** Italy's certified mail (PEC), which every company there must have: a company's address at another domain. */
const CERTIFIED_MAIL = /^(?:[\w-]+\.)?(?:pec|legalmail|arubapec|postecert|sicurezzapostale|pecimprese)\.it$/i;

/** The domain most of the page's addresses share, when most do (a school's directory hosted elsewhere). */
function dominantDomain(candidates: Candidate[]): string | null {
  const counts = new Map<string, number>();
  let total = 0;
  for (const c of candidates)
    for (const e of c.emails) {
      const domain = e.split('@')[1] ?? '';
      counts.set(domain, (counts.get(domain) ?? 0) + 1);
      total++;
    }
  const [best, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  return total >= 4 && n / total >= 0.6 ? best : null;
}

/** Text as a person would read it: the contact sanitiser (lib/text.ts), bounded as a CaptureResult text is. */
export function cleanText(text: string): string {
  return sanitizeText(text, { max: 2048 });
}

const cleanOrNull = (text: string | null) => {
  const clean = text === null ? '' : cleanText(text);
  return clean === '' ? null : clean;
};

// A row that starts with an institution's name ("University of California Press, www…, rsmith@ucpress.edu").
const EXHIBITOR = /\b(?:press|publishers?|publishing|university|society|association|institute|verlag|editions)\b/i;

/** A nameless row's first words are its company when the row's address is at that company's domain. */
function leadCompany(dirty: RawCandidate): string | null {
  const lead = dirty.rowLead;
  if (!lead || dirty.name) return null;
  return dirty.emails.some((email) => sameAsHost(lead, emailLabel(email))) || (EXHIBITOR.test(lead) && !/:/.test(lead))
    ? lead
    : null;
}

function finishCandidate(dirty: RawCandidate, region: string, eventPage: boolean): Candidate {
  const role = splitRole(cleanOrNull(dirty.role ?? null), eventPage);
  const company = companyOf(
    cleanOrNull(dirty.company ?? role.company ?? dirty.companyHint ?? leadCompany(dirty) ?? null),
    dirty.declared,
  );
  const raw: RawCandidate = {
    ...dirty,
    name: cleanOrNull(dirty.name),
    title: withoutCompany(titleOf(cleanOrNull(dirty.title ?? role.title)), company),
    // A name the structured data gives is kept even when it is a web address ("microformats.org").
    company,
    emails: dirty.emails.flatMap((e) => cleanEmail(cleanText(e)) ?? []),
    phones: dirty.phones.map((p) => ({ ...p, raw: cleanText(p.raw) })),
    links: dirty.links.map(cleanText),
  };
  const phones: Phone[] = [];
  for (const phone of raw.phones) {
    const parsed = parsePhone(phone.raw, region);
    if (!parsed || phones.some((p) => p.e164 === parsed.e164)) continue;
    const type = phone.type === 'work' && parsed.mobile ? 'mobile' : phone.type;
    phones.push({ e164: parsed.e164, raw: phone.raw.slice(0, 100), type });
  }
  // A name the page declares (JSON-LD) is kept as written unless it carries markup, addresses or numbers.
  const full = raw.name
    ? (asPersonName(raw.name) ??
      (/[<>{}[\]@/\\]|\d{3}|https?:/.test(raw.name) || raw.name.length > 100 || !raw.declared ? null : raw.name))
    : null;
  return {
    name: full ? { full, ...splitName(full, region) } : null,
    emails: [...new Set(raw.emails)],
    phones,
    company: raw.company,
    title: raw.title,
    links: raw.links,
    confidence: 0,
    sources: [...raw.sources],
  };
}

/** "CEO at LinkedIn" for someone at LinkedIn is their title "CEO". */
function withoutCompany(title: string | null, company: string | null): string | null {
  if (!title || !company) return title;
  const at = /^(.{2,80}?)\s+(?:at|@|bei|chez|en)\s+(.+)$/u.exec(title);
  return at?.[1] && at[2]?.toLowerCase() === company.toLowerCase() ? at[1] : title;
}

export function toE164(raw: string, region: string): string | null {
  return parsePhone(raw, region)?.e164 ?? null;
}

function parsePhone(raw: string, region: string): { e164: string; mobile: boolean } | null {
  // "( 33 1) 42 68 53 00": a country code written inside the brackets, without its "+".
  const cleaned = raw
    .replace(/^\s*00/, '+')
    .replace(/\(0\)/, '')
    .replace(/^\s*\(\s*(\d{1,3})\s+(\d{1,4})\s*\)/, '+$1 $2');
  const parsed = parsePhoneNumberFromString(cleaned, region as CountryCode);
  if (!parsed?.isValid()) return null;
  return { e164: parsed.number, mobile: parsed.getType() === 'MOBILE' };
}

function confidenceOf(c: Candidate): number {
  let score = 0.2;
  if (c.name) score += c.sources.includes('email-derived') ? 0.1 : 0.3;
  if (c.emails.length > 0) score += 0.25;
  if (c.phones.length > 0) score += 0.15;
  if (c.title) score += 0.05;
  if (c.sources.some((s) => s !== 'text' && s !== 'email-derived')) score += 0.04;
  return Math.min(0.99, Math.round(score * 100) / 100);
}

const sameName = (a: Candidate, b: Candidate) =>
  a.name !== null && b.name !== null && a.name.full.toLowerCase() === b.name.full.toLowerCase();

/**
 * Nameless details join a candidate that shares an email; a shared number alone joins them only when the
 * nameless one brings no mailbox of its own: the switchboard printed on a person's card does not make the
 * footer's info@ theirs.
 */
function sameDetails(o: Candidate, c: Candidate): boolean {
  if (o.name !== null && c.name !== null) return false;
  if (o.emails.some((e) => c.emails.includes(e))) return true;
  const nameless = o.name === null ? o : c;
  const bothNameless = o.name === null && c.name === null;
  return (
    (bothNameless || nameless.emails.length === 0) && o.phones.some((p) => c.phones.some((q) => q.e164 === p.e164))
  );
}

const channelsOf = (c: Candidate) => [...c.emails, ...c.phones.map((p) => p.e164)];
const sameCompany = (a: Candidate, b: Candidate) =>
  a.company !== null && b.company !== null && a.company.toLowerCase() === b.company.toLowerCase();

/**
 * Details the page read from its text that its structured data already gives to someone (a card's number under
 * a place name beside a business's h-card) are that someone's: the declared owner wins over a guess.
 */
function ownedByDeclared(o: Candidate, c: Candidate, readers: WeakSet<Candidate>): boolean {
  if (!readers.has(o) || readers.has(c)) return false;
  // A text "person" named as the declared organisation is the organisation.
  if (o.name === null && c.name !== null && o.company?.toLowerCase() === c.name.full.toLowerCase()) return true;
  const mine = channelsOf(o);
  const theirs = channelsOf(c);
  return theirs.length > 0 && theirs.every((d) => mine.includes(d)) && (c.name === null || o.name !== null);
}

/** An organisation declared without a channel and its contact found in the text are one. */
function sameOrganisation(o: Candidate, c: Candidate): boolean {
  return (
    o.name === null &&
    c.name === null &&
    sameCompany(o, c) &&
    (channelsOf(o).length === 0 || channelsOf(c).length === 0)
  );
}

/** The same person seen twice (a card and its JSON-LD, a header and a footer) becomes one candidate. */
function merge(candidates: Candidate[], declared: WeakSet<Candidate>, readers: WeakSet<Candidate>): Candidate[] {
  const out: Candidate[] = [];
  for (const c of candidates) {
    const owner = out.find((o) => ownedByDeclared(o, c, readers));
    if (owner) {
      for (const l of c.links) if (!owner.links.includes(l)) owner.links.push(l);
      if (owner.name !== null) owner.title ??= c.title;
      continue;
    }
    const same = out.find((o) => sameName(o, c) || sameDetails(o, c) || sameOrganisation(o, c));
    if (!same) {
      out.push(c);
      continue;
    }
    absorb(same, c, declared);
    // What joined by a number may bring an address another candidate already holds: one address, one candidate.
    for (const other of out.filter((o) => o !== same && o.emails.some((e) => same.emails.includes(e)))) {
      if (other.name !== null && same.name !== null && !sameName(other, same)) continue;
      absorb(same, other, declared);
      out.splice(out.indexOf(other), 1);
    }
  }
  return out;
}

function absorb(same: Candidate, c: Candidate, declared: WeakSet<Candidate>): void {
  if (declared.has(c)) declared.add(same);
  same.name ??= c.name;
  same.title ??= c.title;
  same.company ??= c.company;
  for (const e of c.emails) if (!same.emails.includes(e)) same.emails.push(e);
  for (const p of c.phones) if (!same.phones.some((q) => q.e164 === p.e164)) same.phones.push(p);
  for (const l of c.links) if (!same.links.includes(l)) same.links.push(l);
  for (const s of c.sources) if (!same.sources.includes(s)) same.sources.push(s);
}
