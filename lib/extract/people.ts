import type { Hit } from './hits';
import { asPersonName } from './names';
import type { RawCandidate, RawPhone, SignalSource } from './types';

const NAME_SELECTOR = 'h1,h2,h3,h4,h5,h6,[itemprop="name"],.name,.fn,.p-name,strong,b,dt,figcaption,[class*="name"]';
const TITLE_SELECTOR =
  '[itemprop="jobTitle"],.title,.role,.position,.job-title,.jobtitle,.p-job-title,[class*="role"],[class*="position"],[class*="title"]';
const COMPANY_SELECTOR = '[itemprop="worksFor"],.org,.p-org,.company,[class*="company"]';
const MAX_CANDIDATES = 200;

/**
 * Groups details into people by the page's structure: a detail belongs to the largest element around it that
 * holds no other person's email and at most one name — a card, a table row, a list item, a section.
 */
export function groupPeople(hits: Hit[], root: Element, visible: (el: Element) => boolean): RawCandidate[] {
  const emailsUnder = new Map<Element, Set<string>>();
  for (const hit of hits) {
    if (hit.kind !== 'email') continue;
    for (let el: Element | null = hit.el; el !== null; el = el === root ? null : el.parentElement) {
      let set = emailsUnder.get(el);
      if (!set) {
        set = new Set();
        emailsUnder.set(el, set);
      }
      if (set.has(hit.value)) break;
      set.add(hit.value);
    }
  }
  const namesUnder = new Map<Element, number>();
  const countNames = (el: Element): number => {
    let count = namesUnder.get(el);
    if (count === undefined) {
      const names = new Set<string>();
      for (const n of el.querySelectorAll(NAME_SELECTOR)) {
        const name = visible(n) ? asPersonName(n.textContent ?? '') : null;
        if (name) names.add(name);
        if (names.size > 1) break;
      }
      count = names.size;
      namesUnder.set(el, count);
    }
    return count;
  };
  const cardOf = (hit: Hit): Element => {
    let card = hit.el;
    for (let el = hit.el.parentElement; el !== null && card !== root; el = el.parentElement) {
      if ((emailsUnder.get(el)?.size ?? 0) > 1 || countNames(el) > 1) break;
      card = el;
      if (el === root) break;
    }
    return card;
  };

  const cards = new Map<Element, Hit[]>();
  for (const hit of hits) {
    const card = cardOf(hit);
    const list = cards.get(card);
    if (list) list.push(hit);
    else cards.set(card, [hit]);
  }

  const candidates: RawCandidate[] = [];
  for (const [card, cardHits] of cards) {
    if (candidates.length >= MAX_CANDIDATES) break;
    candidates.push(describe(card, cardHits, visible));
  }
  return candidates;
}

function describe(card: Element, hits: Hit[], visible: (el: Element) => boolean): RawCandidate {
  const emails: string[] = [];
  const phones: RawPhone[] = [];
  const seenPhones = new Set<string>();
  const sources = new Set<SignalSource>();
  for (const hit of hits) {
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
  const nameEl = findName(card, visible);
  return {
    name: nameEl ? asPersonName(nameEl.textContent ?? '') : null,
    title: findTitle(card, nameEl, visible),
    company: textOf(firstVisible(card, COMPANY_SELECTOR, visible)),
    emails,
    phones,
    links: [],
    sources: [...sources],
  };
}

function findName(card: Element, visible: (el: Element) => boolean): Element | null {
  if (card.matches(NAME_SELECTOR) && asPersonName(card.textContent ?? '')) return card;
  for (const el of card.querySelectorAll(NAME_SELECTOR)) {
    if (visible(el) && asPersonName(el.textContent ?? '')) return el;
  }
  return null;
}

function findTitle(card: Element, nameEl: Element | null, visible: (el: Element) => boolean): string | null {
  const marked = textOf(firstVisible(card, TITLE_SELECTOR, visible, nameEl));
  if (marked) return marked;
  if (!nameEl) return null;
  // Otherwise the first short line written after the name ("Jane Doe / VP Sales").
  const walker = card.ownerDocument.createTreeWalker(card, 4 /* NodeFilter.SHOW_TEXT */);
  walker.currentNode = nameEl;
  for (let node = walker.nextNode(), steps = 0; node !== null && steps < 6; node = walker.nextNode(), steps++) {
    if (nameEl.contains(node)) continue;
    const text = (node.nodeValue ?? '').replace(/\s+/g, ' ').trim();
    if (text === '' || !node.parentElement || !visible(node.parentElement)) continue;
    if (looksLikeTitle(text)) return text;
    return null;
  }
  return null;
}

function looksLikeTitle(text: string): boolean {
  return text.length >= 2 && text.length <= 80 && !/[@:]|\d{3}|^(e-?mail|phone|tel|fax|mobile)\b/i.test(text);
}

function firstVisible(
  card: Element,
  selector: string,
  visible: (el: Element) => boolean,
  not?: Element | null,
): Element | null {
  for (const el of card.querySelectorAll(selector)) {
    if (el !== not && !(not?.contains(el) ?? false) && visible(el) && looksLikeTitle(textOf(el) ?? '')) return el;
  }
  return null;
}

function textOf(el: Element | null): string | null {
  const text = el?.textContent?.replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, 200) : null;
}
