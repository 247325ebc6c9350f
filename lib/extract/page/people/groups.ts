import type { Hit } from '../../common/hits';
import type { RawCandidate } from '../../common/types';
import { selectAll, within } from '../dom';
import type { NameAnchor, Scan } from '../scan';
import { describe, type Group, parentInside as parentOf } from './describe';
import { ownerOf, proseOwner } from './owner';

const MAX_CANDIDATES = 200;
const MIN_GROUPED = 150;
const LANDMARK =
  'footer,header,nav,aside,[role="contentinfo"],[role="banner"],[role="navigation"],[role="complementary"]';

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
  now: () => number = Date.now,
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

  const landmarks = selectAll(root, LANDMARK, 50);
  const proseNames = new Map<string, NameAnchor>();
  const groups = new Map<NameAnchor | Element, Group>();
  const generic: Hit[] = [];
  for (const [i, hit] of hits.entries()) {
    let anchor: NameAnchor | null = null;
    // Past the time, the page is cut here: the details left would have no name (a list of nameless rows that only
    // look like organisations), and the capture says it was cut short. The first ones are always read.
    if (i >= MIN_GROUPED && now() > deadline) {
      scan.truncated = true;
      break;
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
    if (candidates.length >= MAX_CANDIDATES) {
      // More people than one capture holds: the first ones are kept, and the capture says it was cut short.
      scan.truncated = true;
      break;
    }
    // Past the time, each person is described from their name and details alone, without reading their card.
    const candidate =
      now() > deadline ? describe(group, namesUnder, root, false) : describeSafely(group, namesUnder, root);
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
