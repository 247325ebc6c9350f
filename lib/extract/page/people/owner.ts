import type { Hit } from '../../common/hits';
import { ROLE_MAILBOX } from '../../common/mailboxes';
import { asPersonName } from '../../common/names';
import { closest, matches, parentOf as parentUp, within } from '../dom';
import { type Heading, type NameAnchor, textWithin } from '../scan';
import { parentInside as parentOf } from './describe';

/**
 * Who owns a detail: the one name in the smallest element around it, or, in a run of people in one container,
 * the name written just before it (no heading or landmark between them); in prose, the name of its sentence.
 */
// How far (in characters of page text) a detail may stand from the name it belongs to in a run of people.
const MAX_DISTANCE = 600;
// …and from a name written as a heading (<h3>Name | Role</h3>, a bio, "Contact: …").
const MAX_SECTION = 4000;
// Blocks that hold one person each: a card, a list item, a table row, an article.
const CARD_LIKE =
  'li,tr,article,section,dd,dt,[class*="card"],[class*="person"],[class*="member"],[class*="profile"],[role="row"],[role="listitem"]';
// Blocks that hold one person's card, narrower than CARD_LIKE: a section or an article may hold a byline and a
// "Contact" heading over the site's address.
const PERSON_CARD =
  'li,tr,[class*="card"],[class*="person"],[class*="member"],[class*="profile"],[class*="staff"],[role="listitem"]';
const LEGAL_FORM = /^,?\s*(AB|AG|AS|A\/S|ApS|BV|GmbH|Inc|KG|LLC|LLP|Ltd|NV|Oy|plc|SA|SAS|SL|SpA|Srl|Pty|Corp|Co\b)/;
const PROSE_WORD = "(?:\\p{Lu}[\\p{Ll}'’]+(?:-\\p{Lu}?[\\p{Ll}'’]+)*|\\p{Lu}\\.)";
const PROSE_NAME = new RegExp(
  `${PROSE_WORD}(?:\\s+(?:(?:de|van|von|da|del|della|der|den|di|la|le|du|do|dos|das|bin|al|ter|ten|af)\\s+)*${PROSE_WORD}){1,3}`,
  'gu',
);

export function ownerOf(
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
      // In a person's own card (<li class="staffName">Name</li><li><h4>Librarian</h4></li>), a heading is their
      // title, not a new section.
      const card = closest(el, PERSON_CARD);
      const inCard = card !== null && namesUnder.get(card)?.length === 1 ? card : null;
      return crossesBoundary(only, hit, headings, landmarks, inCard) ? null : only;
    }
    // A shared mailbox (info@, sales@) in a run of people belongs to none of them.
    if (hit.kind === 'email' && ROLE_MAILBOX.test(hit.value)) return null;
    const before = nearestBefore(names, hit.offset, el);
    // A name written as a heading owns its section, however long the bio under it, up to the next heading.
    if (!before) return null;
    const far = hit.offset - before.offset > MAX_DISTANCE;
    if (far && (hit.offset - before.offset > MAX_SECTION || !ownsSection(before, hit, headings))) return null;
    // After a list of people (a table, a grid), a line outside it is not the last person's.
    const item = childOnPath(el, before.el);
    if (item && !within(item, hit.el) && (namesUnder.get(item)?.length ?? 0) > 1) return null;
    return crossesBoundary(before, hit, headings, landmarks) ? null : before;
  }
  return null;
}

/**
 * A detail in a sentence belongs to the person named earlier in that sentence: "Investors may contact Priya
 * Natarajan, VP Finance, at priya@…" or "Dr. Aisha Bello (CTO, Lagos Fintech) can be reached at …".
 */
export function proseOwner(hit: Hit, found: Map<string, NameAnchor>): NameAnchor | null {
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
function crossesBoundary(
  anchor: NameAnchor,
  hit: Hit,
  headings: Heading[],
  landmarks: Element[],
  card: Element | null = null,
): boolean {
  for (const landmark of landmarks) if (within(landmark, hit.el) && !within(landmark, anchor.el)) return true;
  const anchorLevel = headingLevel(anchor.el);
  const [from, to] = anchor.offset <= hit.offset ? [anchor.offset, hit.offset] : [hit.offset, anchor.offset];
  for (let i = firstAfter(headings, from); i < headings.length; i++) {
    const heading = headings[i] as Heading;
    if (heading.offset >= to) break;
    if (within(heading.el, anchor.el) || within(anchor.el, heading.el) || (card && within(card, heading.el))) continue;
    if (heading.level <= anchorLevel) return true;
  }
  return false;
}

/** Whether the name is a heading and no heading of any level stands between it and the detail. */
function ownsSection(anchor: NameAnchor, hit: Hit, headings: Heading[]): boolean {
  if (headingLevel(anchor.el) === 6 && !closest(anchor.el, 'h6')) return false;
  const next = headings[firstAfter(headings, anchor.offset)];
  return next === undefined || next.offset >= hit.offset || within(next.el, anchor.el);
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
