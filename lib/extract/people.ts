import { closest, matches, parentOf as parentUp, within } from './dom';
import type { Hit } from './hits';
import { LEGAL_NAME } from './legal';
import { asPersonName } from './names';
import { type Heading, type NameAnchor, type Scan, textWithin } from './scan';
import type { RawCandidate, RawPhone, SignalSource } from './types';

const MAX_CANDIDATES = 200;
// How far (in characters of page text) a detail may stand from the name it belongs to in a run of people.
const MAX_DISTANCE = 600;
const LANDMARK =
  'footer,header,nav,aside,[role="contentinfo"],[role="banner"],[role="navigation"],[role="complementary"]';
const TITLE_MARK =
  '[itemprop="jobTitle"],[property="jobTitle"],.p-job-title,.title,.role,.position,.job-title,.jobtitle,[class*="role"],[class*="position"],[class*="job"]';
const COMPANY_MARK =
  '[itemprop="worksFor"],[property="worksFor"],.p-org,.org,.company,[class*="company"],[class*="organization"],[class*="organisation"]';
const LABEL_ONLY =
  /^(e-?mail|mail|phone|tel(efon|ephone|éfono)?|mobile?|mobil|fax|web(site)?|linkedin|contact|kontakt|address|adresse|office|cell|móvil|t|m|f|e)\s*[.:]?$/i;

interface Group {
  anchor: NameAnchor | null;
  hits: Hit[];
}

/**
 * Gives each detail to the person it belongs to: the one name in the smallest element around it (a card, a
 * row, an item), or, in a run of people in one container (a list, a <dl>, prose), the name written just before
 * it — unless a heading or a page landmark (footer, sidebar) stands between them. What belongs to no name
 * (info@, the switchboard) is grouped by block.
 */
export function groupPeople(
  scan: Scan,
  root: Element,
  seen: (el: Element) => boolean,
  deadline = Number.POSITIVE_INFINITY,
): RawCandidate[] {
  const { hits, names, headings } = scan;
  const namesUnder = new Map<Element, NameAnchor[]>();
  for (const anchor of names) {
    for (let el: Element | null = anchor.el; el !== null; el = parentOf(el, root)) {
      const list = namesUnder.get(el);
      if (list) {
        if (list.length < 3) list.push(anchor);
      } else namesUnder.set(el, [anchor]);
    }
  }

  const landmarks = [...root.querySelectorAll(LANDMARK)].slice(0, 50);
  const proseNames = new Map<string, NameAnchor>();
  const groups = new Map<NameAnchor | Element, Group>();
  const generic: Hit[] = [];
  for (const hit of hits) {
    let anchor: NameAnchor | null = null;
    // Past the time, the remaining details are grouped by block only: found, if not all named.
    if (Date.now() > deadline) {
      generic.push(hit);
      continue;
    }
    try {
      const owner = ownerOf(hit, namesUnder, names, headings, landmarks, root);
      anchor = (owner && seen(owner.el) ? owner : null) ?? proseOwner(hit, proseNames);
    } catch {
      // Markup the page made unreadable around this detail (a clobbered form): the detail stands alone.
    }
    if (!anchor) {
      generic.push(hit);
      continue;
    }
    const group = groups.get(anchor);
    if (group) group.hits.push(hit);
    else groups.set(anchor, { anchor, hits: [hit] });
  }
  for (const group of genericGroups(generic, namesUnder, root)) groups.set(group.hits[0]?.el as Element, group);

  const candidates: RawCandidate[] = [];
  const ordered = [...groups.values()].sort((a, b) => firstOffset(a) - firstOffset(b));
  for (const group of ordered) {
    if (candidates.length >= MAX_CANDIDATES) break;
    // Past the time, each person is described from their name and details alone, without reading their card.
    const candidate =
      Date.now() > deadline ? describe(group, namesUnder, root, false) : describeSafely(group, namesUnder, root);
    if (candidate.emails.length > 0 || candidate.phones.length > 0) candidates.push(candidate);
  }
  return candidates;
}

/** A group's candidate; when the page's markup cannot be read around it, its details alone. */
function describeSafely(group: Group, namesUnder: Map<Element, NameAnchor[]>, root: Element): RawCandidate {
  try {
    return describe(group, namesUnder, root);
  } catch {
    // The card around the person could not be read: their name and details without its title or company.
    try {
      return describe(group, namesUnder, root, false);
    } catch {
      return describe({ anchor: null, hits: group.hits }, new Map(), root, false);
    }
  }
}

function firstOffset(group: Group): number {
  return group.anchor?.offset ?? group.hits[0]?.offset ?? 0;
}

function parentOf(el: Element, root: Element): Element | null {
  if (el === root) return null;
  return parentUp(el);
}

function ownerOf(
  hit: Hit,
  namesUnder: Map<Element, NameAnchor[]>,
  names: NameAnchor[],
  headings: Heading[],
  landmarks: Element[],
  root: Element,
): NameAnchor | null {
  for (let el: Element | null = hit.el; el !== null; el = parentOf(el, root)) {
    const under = namesUnder.get(el);
    if (!under) continue;
    const only = under.length === 1 ? under[0] : undefined;
    if (only && (el !== root || Math.abs(hit.offset - only.offset) <= MAX_DISTANCE)) {
      // A name in the next card does not own this card's details (whose own name could not be read).
      const nameItem = childOnPath(el, only.el);
      const hitItem = childOnPath(el, hit.el);
      if (
        only.offset > hit.offset &&
        nameItem !== hitItem &&
        hitItem !== null &&
        hitItem !== undefined &&
        matches(hitItem, CARD_LIKE)
      )
        return null;
      return crossesBoundary(only, hit, headings, landmarks) ? null : only;
    }
    // A shared mailbox (info@, sales@) in a run of people belongs to none of them.
    if (hit.kind === 'email' && ROLE_MAILBOX.test(hit.value)) return null;
    const before = nearestBefore(names, hit.offset, el);
    if (!before || hit.offset - before.offset > MAX_DISTANCE) return null;
    // After a list of people (a table, a grid), a line outside it is not the last person's.
    const item = childOnPath(el, before.el);
    if (item && !within(item, hit.el) && (namesUnder.get(item)?.length ?? 0) > 1) return null;
    return crossesBoundary(before, hit, headings, landmarks) ? null : before;
  }
  return null;
}

const ROLE_MAILBOX =
  /^(info|hello|hallo|hola|hi|sales|vertrieb|ventas|vendas|ventes|contact|contacto|contato|kontakt|contatti|office|kontor|buero|bureau|oficina|enquiries|inquiries|support|help|service|press|presse|prensa|media|admin|reception|empfang|team|mail|post|careers|jobs|karriere|empleo|hr|billing|accounts|invoices|rechnung|marketing|general|mailbox|secretariat|sekretariat|secretaria|giving|donate|membership|events|bookings|booking|reservations|reservas|privacy|datenschutz|legal|webmaster|noreply)([._-][a-z0-9]+)?@/;
export const isRoleMailbox = (email: string) => ROLE_MAILBOX.test(email);
// Blocks that hold one person each: a card, a list item, a table row, an article.
const CARD_LIKE =
  'li,tr,article,section,dd,dt,[class*="card"],[class*="person"],[class*="member"],[class*="profile"],[role="row"],[role="listitem"]';
const LEGAL_FORM = /^,?\s*(AB|AG|AS|A\/S|ApS|BV|GmbH|Inc|KG|LLC|LLP|Ltd|NV|Oy|plc|SA|SAS|SL|SpA|Srl|Pty|Corp|Co\b)/;
const PROSE_WORD = "(?:\\p{Lu}[\\p{Ll}'’]+(?:-\\p{Lu}?[\\p{Ll}'’]+)*|\\p{Lu}\\.)";
const PROSE_NAME = new RegExp(
  `${PROSE_WORD}(?:\\s+(?:(?:de|van|von|da|del|della|der|den|di|la|le|du|do|dos|das|bin|al|ter|ten|af)\\s+)*${PROSE_WORD}){1,3}`,
  'gu',
);

/**
 * A detail in a sentence belongs to the person named earlier in that sentence: "Investors may contact Priya
 * Natarajan, VP Finance, at priya@…" or "Dr. Aisha Bello (CTO, Lagos Fintech) can be reached at …".
 */
function proseOwner(hit: Hit, found: Map<string, NameAnchor>): NameAnchor | null {
  const own = hit.before !== undefined ? hit.before.replace(/\s+/g, ' ') : textBefore(hit.el);
  // A detail after a link in the same paragraph: the paragraph's words before it count too.
  // Only in prose ("…; her office line is +254…"), not in an address block of lines.
  const prose = hit.kind === 'phone' && hit.el.nodeName === 'P' && /\p{Ll}{2,}\s+\p{Ll}{2,}\s+\p{Ll}{2,}/u.test(own);
  const before = prose ? paragraphBefore(hit) || own : own;
  if (!before) return null;
  // Line breaks in the source are only spaces; sentences end at a full stop before a capital.
  const sentence = before.split(/[.!?;:]\s+(?=[\p{Lu}(])|\n|\s[·|•–—]\s/u).pop() ?? '';
  let best: { name: string; end: number } | null = null;
  for (const match of sentence.matchAll(PROSE_NAME)) {
    const name = asPersonName(match[0]);
    const end = (match.index ?? 0) + match[0].length;
    // "Fjärilen Energi AB", "Cobalt Ridge Software, Inc.": a company, not a person.
    if (name && !LEGAL_FORM.test(sentence.slice(end, end + 12))) best = { name, end };
  }
  if (!best) {
    // "Kwame is happy to hear from merchants: write to …": a first name alone points back to the full name
    // written earlier in the same paragraph.
    const earlier = [...before.matchAll(PROSE_NAME)].flatMap((m) => {
      const name = asPersonName(m[0]);
      return name ? [{ name, end: (m.index ?? 0) + m[0].length }] : [];
    });
    for (const candidate of earlier.reverse()) {
      const first = candidate.name.split(' ')[0] ?? '';
      if (new RegExp(`(^|[^\\p{L}])${first}([^\\p{L}]|$)`, 'u').test(sentence)) {
        best = candidate;
        break;
      }
    }
    if (!best) return null;
    const known = found.get(best.name);
    if (known) return known;
    const role = /^,\s*([^,]{2,60}),/.exec(before.slice(best.end))?.[1] ?? null;
    const anchor: NameAnchor = { el: hit.el, text: hit.el, name: best.name, role, offset: hit.offset, prose: true };
    found.set(best.name, anchor);
    return anchor;
  }
  const known = found.get(best.name);
  if (known) return known;
  const after = sentence.slice(best.end);
  const role = /^\s*\(([^)]{2,80})\)/.exec(after)?.[1] ?? /^,\s*([^,]{2,60}),/.exec(after)?.[1] ?? null;
  const anchor: NameAnchor = { el: hit.el, text: hit.el, name: best.name, role, offset: hit.offset, prose: true };
  found.set(best.name, anchor);
  return anchor;
}

/** The text of the element a detail was written in, up to the detail. */
function paragraphBefore(hit: Hit): string {
  const text = textWithin(hit.el, 4000, '');
  if (text === null) return '';
  const at = text.indexOf(hit.value);
  return at > 0 ? text.slice(Math.max(0, at - 400), at) : '';
}

/** The text of the block a link stands in, up to the link: source line breaks are spaces, a <br> is a new line. */
function textBefore(el: Element): string {
  const block = parentUp(el);
  if (!block || el.nodeName !== 'A') return '';
  let text = '';
  for (let node = block.firstChild; node !== null && node !== el; node = node.nextSibling) {
    if (node.nodeName === 'BR') text += '\n';
    else text += (node.textContent ?? '').replace(/\s+/g, ' ');
    if (text.length > 2000) text = text.slice(-400);
  }
  return text.slice(-400);
}

/** The child of a container that holds the given descendant. */
function childOnPath(container: Element, el: Element): Element | null {
  let current: Element | null = el;
  for (let steps = 0; current && parentUp(current) !== container && steps < 10_000; steps++)
    current = parentUp(current);
  return current;
}

/** The last name written before the detail inside the same container. */
function nearestBefore(names: NameAnchor[], offset: number, container: Element): NameAnchor | null {
  let lo = 0;
  let hi = names.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((names[mid]?.offset ?? 0) <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  for (let i = found; i >= 0 && i > found - 50; i--) {
    const anchor = names[i];
    if (anchor && within(container, anchor.el)) return anchor;
  }
  return null;
}

/** A section heading or a landmark (footer, sidebar) between a name and a detail means they are unrelated. */
function crossesBoundary(anchor: NameAnchor, hit: Hit, headings: Heading[], landmarks: Element[]): boolean {
  for (const landmark of landmarks) if (within(landmark, hit.el) && !within(landmark, anchor.el)) return true;
  const anchorLevel = headingLevel(anchor.el);
  const [from, to] = anchor.offset <= hit.offset ? [anchor.offset, hit.offset] : [hit.offset, anchor.offset];
  for (let i = firstAfter(headings, from); i < headings.length; i++) {
    const heading = headings[i] as Heading;
    if (heading.offset >= to) break;
    if (within(heading.el, anchor.el) || within(anchor.el, heading.el)) continue;
    if (heading.level <= anchorLevel) return true;
  }
  return false;
}

/** Index of the first heading written after the offset (headings are in page order). */
function firstAfter(headings: Heading[], offset: number): number {
  let lo = 0;
  let hi = headings.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((headings[mid]?.offset ?? 0) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function headingLevel(el: Element): number {
  const heading = closest(el, 'h1,h2,h3,h4,h5,h6');
  return heading ? Number(heading.nodeName.charAt(1)) : 6;
}

/** Details that belong to no person, grouped by the block they stand in (a footer, a "Press office" box). */
function genericGroups(hits: Hit[], namesUnder: Map<Element, NameAnchor[]>, root: Element): Group[] {
  const emailsUnder = new Map<Element, Set<string>>();
  for (const hit of hits) {
    if (hit.kind !== 'email') continue;
    for (let el: Element | null = hit.el; el !== null; el = parentOf(el, root)) {
      let set = emailsUnder.get(el);
      if (!set) {
        set = new Set();
        emailsUnder.set(el, set);
      }
      set.add(hit.value);
    }
  }
  const blocks = new Map<Element, Group>();
  for (const hit of hits) {
    let block = hit.el;
    for (let el = parentOf(hit.el, root); el !== null && el !== root; el = parentOf(el, root)) {
      if ((emailsUnder.get(el)?.size ?? 0) > 1 || namesUnder.has(el)) break;
      block = el;
    }
    const group = blocks.get(block);
    if (group) group.hits.push(hit);
    else blocks.set(block, { anchor: null, hits: [hit] });
  }
  // A phone on its own line next to a block's email ("info@… · Main line …" split over elements) joins it.
  const groups = [...blocks.entries()];
  const merged: Group[] = [];
  for (const [block, group] of groups) {
    const hasEmail = group.hits.some((h) => h.kind === 'email');
    const host = hasEmail
      ? null
      : merged.slice(-20).find((m) => {
          const first = m.hits[0]?.el;
          const parent = parentOf(block, root);
          return (
            first !== undefined &&
            m.hits.some((h) => h.kind === 'email') &&
            parent !== null &&
            parent !== root &&
            within(parent, first) &&
            !m.hits.some((h) => h.kind === 'phone')
          );
        });
    if (host) host.hits.push(...group.hits);
    else merged.push(group);
  }
  return merged;
}

function describe(group: Group, namesUnder: Map<Element, NameAnchor[]>, root: Element, readCard = true): RawCandidate {
  const emails: string[] = [];
  const phones: RawPhone[] = [];
  const links: string[] = [];
  const seenPhones = new Set<string>();
  const sources = new Set<SignalSource>();
  for (const hit of group.hits) {
    if (hit.kind === 'link') {
      if (!links.includes(hit.value) && links.length < 20) links.push(hit.value);
      continue;
    }
    sources.add(hit.source);
    if (hit.kind === 'email') {
      if (!emails.includes(hit.value)) emails.push(hit.value);
    } else {
      const digits = hit.value.replace(/\D/g, '');
      if (!seenPhones.has(digits)) {
        seenPhones.add(digits);
        phones.push({ raw: hit.value, type: hit.phoneType });
      }
    }
  }
  const anchor = group.anchor;
  const card = anchor && readCard ? cardOf(anchor, group.hits, namesUnder, root) : null;
  if (card) {
    const structured = closest(card, '[itemscope],[typeof],.h-card,.vcard');
    if (structured)
      sources.add(
        matches(structured, '[itemscope]') ? 'microdata' : matches(structured, '[typeof]') ? 'rdfa' : 'microformat',
      );
  }
  return {
    name: anchor?.name ?? null,
    // The role as written ("Founder, Northbeam Ventures"); split into title and company outside the page.
    role: anchor ? (anchor.role ?? (anchor.prose ? null : findTitle(anchor, card))) : null,
    title: null,
    company: card ? textOf(firstMarked(card, COMPANY_MARK, anchor?.el ?? null)) : null,
    companyHint: card ? legalNameIn(card) : null,
    emails,
    phones,
    links,
    sources: [...sources],
  };
}

/** A card that names a registered company ("Kröger Antriebstechnik GmbH" in an exhibitor row). */
function legalNameIn(card: Element): string | null {
  // Text nodes joined with spaces: "<a>Kröger GmbH</a><small>Gear motors</small>" must not read "GmbHGear".
  const text = textWithin(card, 800, ' ');
  if (text === null) return null;
  LEGAL_NAME.lastIndex = 0;
  const match = LEGAL_NAME.exec(text.replace(/\s+/g, ' '));
  LEGAL_NAME.lastIndex = 0;
  return match?.[1]?.trim() ?? null;
}

/** The smallest element holding the name and the person's details, without another person's name. */
function cardOf(anchor: NameAnchor, hits: Hit[], namesUnder: Map<Element, NameAnchor[]>, root: Element): Element {
  let card: Element = anchor.el;
  for (let el = parentOf(anchor.el, root); el !== null; el = parentOf(el, root)) {
    if ((namesUnder.get(el)?.length ?? 0) > 1) break;
    card = el;
    if (hits.every((h) => within(el, h.el))) break;
  }
  return card;
}

function findTitle(anchor: NameAnchor, card: Element | null): string | null {
  if (card) {
    const marked = textOf(firstMarked(card, TITLE_MARK, anchor.el));
    if (marked && looksLikeTitle(marked)) return marked;
  }
  // Otherwise the first short line written after the name ("Jane Doe / VP Sales").
  const doc = anchor.el.ownerDocument;
  // A card that is only the name (<dt>Name</dt><dd>Role, …</dd>) has its role in what follows.
  const scope = card && card !== anchor.el ? card : (parentUp(anchor.el) ?? anchor.el);
  const walker = doc.createTreeWalker(scope, 4 /* SHOW_TEXT */);
  walker.currentNode = anchor.text;
  for (let node = walker.nextNode(), steps = 0; node !== null && steps < 8; node = walker.nextNode(), steps++) {
    if (anchor.el !== anchor.text.parentNode && within(anchor.el, node)) continue;
    const text = (node.nodeValue ?? '')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^[,–—|·-]\s*/, '')
      .replace(/[,;:]+$/, '');
    if (text === '' || /^[,–—|·()-]+$/.test(text)) continue;
    if (LABEL_ONLY.test(text) || asPersonName(text)) return null;
    if (looksLikeTitle(text)) return text;
    // "VD, anna@…, 070-…": the role is the part before the details on the same line.
    const first = text.split(/\s*[,;|·•]\s*/)[0] ?? '';
    return first !== text && looksLikeTitle(first) ? first : null;
  }
  return null;
}

function looksLikeTitle(text: string): boolean {
  return text.length >= 2 && text.length <= 100 && !/@|https?:|www\.|\d{3}|^\+/.test(text) && !LABEL_ONLY.test(text);
}

function firstMarked(card: Element, selector: string, not: Element | null): Element | null {
  for (const el of card.querySelectorAll(selector)) {
    if (not && (el === not || within(not, el) || within(el, not))) continue;
    const text = textOf(el);
    if (text && text.length <= 120 && !/@|\d{4}/.test(text)) return el;
  }
  return null;
}

function textOf(el: Element | null): string | null {
  // <meta itemprop="worksFor" content="…">: microdata keeps the value in an attribute.
  const raw = el?.nodeName === 'META' ? el.getAttribute('content') : el?.textContent;
  const text = raw?.replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, 200) : null;
}
