import type { Hit } from '../../common/hits';
import { LEGAL_NAME } from '../../common/legal';
import { asPersonName } from '../../common/names';
import type { RawCandidate, RawPhone, SignalSource } from '../../common/types';
import { closest, matches, parentOf as parentUp, within } from '../dom';
import { type NameAnchor, textWithin } from '../scan';

/** Describing a person from their group of details and the card around their name: title, company, sources. */
export interface Group {
  anchor: NameAnchor | null;
  hits: Hit[];
}

const TITLE_MARK =
  '[itemprop="jobTitle"],[property="jobTitle"],.p-job-title,.title,.role,.position,.job-title,.jobtitle,[class*="role"],[class*="position"],[class*="job"]';
const COMPANY_MARK =
  '[itemprop="worksFor"],[property="worksFor"],.p-org,.org,.company,[class*="company"],[class*="organization"],[class*="organisation"]';
const NOT_ROLE = `${COMPANY_MARK},.summary,.p-summary,.note,.p-note,.bio,[itemprop="description"]`;
const LABEL_ONLY =
  /^(e-?mail|mail|phone|tel(efon|ephone|éfono)?|mobile?|mobil|fax|web(site)?|linkedin|contact|kontakt|address|adresse|office|cell|móvil|t|m|f|e)\s*[.:]?$/i;

/** The parent of an element up to the root of the read (null at the root). */
export function parentInside(el: Element, root: Element): Element | null {
  if (el === root) return null;
  return parentUp(el);
}

export function describe(
  group: Group,
  namesUnder: Map<Element, NameAnchor[]>,
  root: Element,
  readCard = true,
): RawCandidate {
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
    role: anchor
      ? (anchor.role ?? (anchor.prose ? null : findTitle(anchor, card, card && ownBlock(card, namesUnder, root))))
      : null,
    title: null,
    company: card ? textOf(firstMarked(card, COMPANY_MARK, anchor?.el ?? null)) : null,
    companyHint: card ? (legalNameIn(card) ?? affiliationIn(card)) : null,
    rowLead: anchor ? null : leadOfRow(group.hits[0]?.el ?? null),
    emails,
    phones,
    links,
    sources: [...sources],
  };
}

/** The first words of the row or list item a nameless detail stands in: an exhibitor's name before its link. */
function leadOfRow(el: Element | null): string | null {
  const row = el ? closest(el, 'td,li,dd,[role="cell"],[role="listitem"]') : null;
  if (!row) return null;
  const walker = row.ownerDocument.createTreeWalker(row, 4 /* SHOW_TEXT */);
  for (let node = walker.nextNode(), steps = 0; node !== null && steps < 5; node = walker.nextNode(), steps++) {
    const text = (node.nodeValue ?? '')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/[,;:|·–-]+$/, '')
      .trim();
    if (text !== '') return text.length <= 120 && !text.includes('@') ? text : null;
  }
  return null;
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

// "Department of Software and IT Engineering, ETS, Montréal": a unit, then the institution, then perhaps a place.
const UNIT_PART =
  /^(?:department|dept\.?|faculty|school|division|institute|chair|laboratory|lab|centre|center|section|département|departamento|dipartimento|facultad|faculté|fakultät|institut|lehrstuhl)\s(?:of|for|de|d'|du|des|di|für)\s/i;

/** The institution of a card's affiliation line, after the unit it names first. */
function affiliationIn(card: Element): string | null {
  const walker = card.ownerDocument.createTreeWalker(card, 4 /* SHOW_TEXT */);
  for (let node = walker.nextNode(), steps = 0; node !== null && steps < 40; node = walker.nextNode(), steps++) {
    const text = (node.nodeValue ?? '').replace(/\s+/g, ' ').trim();
    if (text.length > 200 || !UNIT_PART.test(text)) continue;
    const parts = text.split(/\s*,\s*/);
    const institution = parts.slice(1).find((p) => !UNIT_PART.test(p));
    return institution && institution.length >= 2 && institution.length <= 80 ? institution : null;
  }
  return null;
}

/** The smallest element holding the name and the person's details, without another person's name. */
function cardOf(anchor: NameAnchor, hits: Hit[], namesUnder: Map<Element, NameAnchor[]>, root: Element): Element {
  let card: Element = anchor.el;
  for (let el = parentInside(anchor.el, root); el !== null; el = parentInside(el, root)) {
    if ((namesUnder.get(el)?.length ?? 0) > 1) break;
    card = el;
    if (hits.every((h) => within(el, h.el))) break;
  }
  return card;
}

function findTitle(anchor: NameAnchor, card: Element | null, block: Element | null): string | null {
  return titleColumn(anchor) ?? titleAfter(anchor, card) ?? (block ? titleBefore(anchor, block) : null);
}

// A table's column of roles: "Title", "Position", "Stilling/funksjon", "Cargo"…
const TITLE_HEADER =
  /^\s*(?:job title|title|position|role|function|funktion|stilling|funksjon|befattning|titel|cargo|puesto|fonction|poste|ruolo|qualifica|functie|stanowisko)\b/i;

/** In a table row, the cell under a column headed as the role's (a staff table's address is not a title). */
function titleColumn(anchor: NameAnchor): string | null {
  const cell = closest(anchor.el, 'td,th');
  const row = cell ? parentUp(cell) : null;
  const table = cell ? closest(cell, 'table') : null;
  if (!cell || !row || !table) return null;
  const header = table.querySelector('thead tr') ?? table.querySelector('tr');
  if (!header || header === row) return null;
  const headings = [...header.children].slice(0, 20);
  const index = headings.findIndex((h) => TITLE_HEADER.test((h.textContent ?? '').slice(0, 60)));
  const text = index >= 0 ? textOf(row.children[index] ?? null) : null;
  return text && looksLikeTitle(text) ? text : null;
}

/** The largest block around a card, up to three levels, that names no one else: where its heading may stand. */
function ownBlock(card: Element, namesUnder: Map<Element, NameAnchor[]>, root: Element): Element {
  let block = card;
  for (let el = parentInside(card, root), up = 0; el !== null && up < 3; el = parentInside(el, root), up++) {
    if ((namesUnder.get(el)?.length ?? 0) > 1) break;
    block = el;
  }
  return block;
}

// "Postdoctoral researcher (2023 ~ present)": when they have held it is no part of the title.
const HELD_SINCE = /\s*\((?:since |seit |desde |depuis )?(?:19|20)\d{2}\b[^()]{0,24}\)$/i;
// Where a card writes a role above the name (<h4>President</h4>…<h5>Name</h5>, <b>Pasante</b>…).
const EMPHASIS = /^(?:H[1-6]|B|STRONG)$/;

/** A role written above the name in the person's own card, as a heading or in bold. */
function titleBefore(anchor: NameAnchor, block: Element): string | null {
  for (let node = textBefore(anchor.text, block), steps = 0; node !== null && steps < 12; steps++) {
    const text = (node.nodeValue ?? '').replace(/\s+/g, ' ').trim();
    if (text !== '') {
      const holder = parentUp(node);
      if (!holder || !EMPHASIS.test(holder.nodeName) || within(holder, anchor.el)) return null;
      return looksLikeTitle(text) && !asPersonName(text) && !text.endsWith(':') ? text : null;
    }
    node = textBefore(node, block);
  }
  return null;
}

/** The text node before this one in page order inside the block (a walk of siblings: TreeWalker's previousNode
 * is not the same in every DOM), within 40 steps. */
function textBefore(from: Node, block: Element): Node | null {
  let node: Node | null = from;
  for (let steps = 0; node !== null && node !== block && steps < 40; steps++) {
    const previous: Node | null = node.previousSibling;
    if (previous === null) {
      node = node.parentNode;
      continue;
    }
    node = previous;
    while (node.lastChild !== null && steps++ < 40) node = node.lastChild;
    if (node.nodeType === 3) return node;
  }
  return null;
}

function titleAfter(anchor: NameAnchor, card: Element | null): string | null {
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
      .replace(/[,;:]+$/, '')
      .replace(HELD_SINCE, '');
    if (text === '' || /^[,–—|·()-]+$/.test(text)) continue;
    if (LABEL_ONLY.test(text) || asPersonName(text)) return null;
    // The card's company or its summary ("Invented the World Wide Web.") is written where a role would be.
    const holder = parentUp(node);
    const marked = holder ? closest(holder, NOT_ROLE) : null;
    if (marked && within(scope, marked)) return null;
    if (looksLikeTitle(text)) return text;
    // "VD, anna@…, 070-…": the role is the part before the details on the same line.
    const first = text.split(/\s*[,;|·•]\s*/)[0] ?? '';
    return first !== text && looksLikeTitle(first) ? first : null;
  }
  return null;
}

function looksLikeTitle(text: string): boolean {
  // "Senior Researcher @ University of Trento": an at-sign between words is "at", not an address.
  return (
    text.length >= 2 && text.length <= 100 && !/\S@\S|https?:|www\.|\d{3}|^\+/.test(text) && !LABEL_ONLY.test(text)
  );
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
