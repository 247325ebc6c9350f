import type { Hit } from '../common/hits';
import { cleanEmail, stripInvisible } from '../common/hits';
import { nameAndRole } from '../common/names';
import { closest, parentOf, selectAll, tagOf } from './dom';
import { decodeCloudflare, linkHits } from './links';
import { resolveSpelledOut, type SpelledOutEmail, textHits } from './text';
import type { Visibility } from './visible';

/** A person's name written on the page, where it stands. */
export interface NameAnchor {
  el: Element;
  /** The text node the name was read from: what follows it is where a role is written. */
  text: Node;
  name: string;
  /** The role written on the same line ("Jane Doe, VP Sales"), if any. */
  role: string | null;
  offset: number;
  /** Read from a sentence: only what the sentence says of the person is theirs (no title from the next line). */
  prose?: boolean;
}

export interface Heading {
  el: Element;
  level: number;
  offset: number;
}

export interface Scan {
  hits: Hit[];
  names: NameAnchor[];
  headings: Heading[];
  /** Short texts that name a registered company ("HS Flamingo s.r.o."), read outside the page. */
  legalTexts: string[];
  truncated: boolean;
}

export interface ScanLimits {
  /** Characters of text read before the scan stops. */
  maxText: number;
  /** DOM nodes visited before the scan stops. */
  maxNodes: number;
  /** Milliseconds before the scan stops. */
  maxMillis: number;
  /** The clock the bounds are read on (Date.now; a test gives a slow machine's). */
  now?: () => number;
}

// 120 ms of reading leaves room, within the 200 ms the page's main thread may be held, for the rest of the capture.
export const DEFAULT_LIMITS: ScanLimits = { maxText: 6_000_000, maxNodes: 400_000, maxMillis: 120 };
const MAX_TEXT_NODE = 100_000;
// Enough details for the 200 people a capture returns, with room for duplicates and company lines.
const MAX_HITS = 2000;
// Distinct e-mail addresses: the 200 people a capture returns hold far fewer (the real corpus's directories hold
// 0.4 to 1.05 a person; at 1.5, 200 people are still read), so past this the rest of a long directory is not read
// (truncated): on the bench's 1 MB directory, 450 of its 1,000 people are read instead of all. Numbers are not
// counted: an article's prices and order numbers look like them until libphonenumber says otherwise.
const MAX_EMAILS = 300;
// A small page is read whole however busy the machine: the clock only counts past this many nodes, and this many
// details and names are always checked (a starved tab took 150 ms over the demo page's 400 nodes and dropped half
// its people).
const MIN_NODES = 3000;
const MIN_CHECKED = 150;
// The closing blocks of a page cut short (an author box, a footer, an address), read after the cut.
const TAIL_BLOCKS = 'aside,footer,address,[role="contentinfo"]';
const TAIL_NODES = 3000;
const TAIL_MILLIS = 15;
const MAX_NAMES = 5000;
const MAX_LEGAL_TEXTS = 30;
// A cheap test for a legal form in a short text; the name itself is read outside the page (./legal.ts).
const LEGAL_HINT =
  /\b(?:GmbH|AG|KG|OG|e\.U\.|UG|e\. ?V\.|Ltd|Limited|LLC|LLP|PLC|Inc|Corp|S\.A\.|SAS|SARL|S\.L\.|S\.r\.l\.|S\.p\.A\.|B\.V\.|N\.V\.|Oy|AB|A\/S|ApS|AS|s\.r\.o\.|Pty|Pvt|K\.K\.|Lda|Ltda)(?![A-Za-z0-9])/;
const IGNORED_PARENTS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'TEXTAREA', 'OPTION', 'TITLE']);
const TWO_WORDS = /\S[\s\u00a0,]+\S/;
const NAME_START = /^[\s\u00a0]*[\p{Lu}\p{Script=Han}\p{Script=Hangul}\p{Script=Katakana}]/u;
const PHONE_CLASS = /\b(?:tel|phone|mobile|fax|cell|fon|telefon|p-tel|telephone)\b/i;
const PHONE_HEADER = /phone|tel|mobile|cell|fax|ext|fon|móvil|m[oó]vil|teléfono|telefone|téléphone|电话|電話|전화/i;

/**
 * One pass over the page: every visible text node and link, into shadow roots and same-origin frames,
 * bounded in text, nodes and time. Only what looks like a detail or a name is checked for visibility.
 */
export function scanPage(
  root: Node,
  visibility: Visibility,
  limits = DEFAULT_LIMITS,
  scope: Range | null = null,
): Scan {
  const rawHits: Hit[] = [];
  const rawNames: NameAnchor[] = [];
  const headings: Heading[] = [];
  const legalTexts: string[] = [];
  const spelled: SpelledOutEmail[] = [];
  const now = limits.now ?? Date.now;
  const started = now();
  let offset = 0;
  let nodes = 0;
  let truncated = false;
  const emails = new Set<string>();

  let countedHits = 0;
  const countEmails = (): number => {
    for (; countedHits < rawHits.length; countedHits++) {
      const hit = rawHits[countedHits] as Hit;
      if (hit.kind === 'email') emails.add(hit.value);
    }
    return emails.size;
  };
  // What the walk may still read; the closing blocks of a page cut short get a small budget of their own (below).
  const bounds = { nodes: limits.maxNodes, text: limits.maxText, until: started + limits.maxMillis, floor: MIN_NODES };
  /** Where the walk stopped when the page was too long for it (not when it had found enough people). */
  let cutShort: Node | null = null;
  const walk = (start: Node): void => {
    const doc = start.ownerDocument ?? (start as Document);
    const walker = doc.createTreeWalker(start, 5 /* SHOW_ELEMENT | SHOW_TEXT */);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      nodes++;
      // The clock is read at every node: one text node can take long (a 100,000-character one), 1,024 far longer.
      const enough = rawHits.length >= MAX_HITS || (rawHits.length > countedHits && countEmails() > MAX_EMAILS);
      if (enough || nodes > bounds.nodes || offset > bounds.text || (nodes > bounds.floor && now() > bounds.until)) {
        truncated = true;
        if (!enough) cutShort ??= node;
        return;
      }
      try {
        visit(node);
      } catch {
        // A node the page made unreadable (a clobbered form, a detached frame) is skipped, not fatal.
      }
    }
  };
  const visit = (node: Node): void => {
    if (node.nodeType === 1) {
      const el = node as Element;
      const tag = el.nodeName;
      if (tag === 'A') {
        if (!scope || scope.intersectsNode(el)) linkHits(el, offset, rawHits);
        if (el.hasAttribute('data-cfemail')) cloudflareHit(el, offset, rawHits);
      } else if (
        tag.length === 2 &&
        tag.charCodeAt(0) === 72 /* H */ &&
        tag.charCodeAt(1) > 48 &&
        tag.charCodeAt(1) < 55
      ) {
        headings.push({ el, level: tag.charCodeAt(1) - 48, offset });
      } else if (tag === 'SPAN' && el.hasAttribute('data-cfemail')) {
        cloudflareHit(el, offset, rawHits);
      } else if (tag === 'IFRAME') {
        const frame = sameOriginBody(el as HTMLIFrameElement);
        if (frame) walk(frame);
      }
      const shadow = el.shadowRoot;
      if (shadow) walk(shadow);
      return;
    }
    const text = node.nodeValue ?? '';
    const length = text.length;
    if (length < 4) {
      offset += length;
      return;
    }
    const parent = node.parentNode as Element | null;
    if (parent === null || IGNORED_PARENTS.has(tagOf(parent)) || (scope && !scope.intersectsNode(node))) {
      offset += length;
      return;
    }
    const part = length > MAX_TEXT_NODE ? text.slice(0, MAX_TEXT_NODE) : text;
    const el = parent.nodeType === 1 ? parent : ((parent as unknown as ShadowRoot).host ?? null);
    if (el) {
      // Zero-width and direction-control characters ("ja\u200bne@…", "\u202eSam Kerr") are read past, once.
      const readable = stripInvisible(part);
      textHits(readable, el, offset, () => phoneHint(el), rawHits, spelled);
      if (length <= 300 && legalTexts.length < MAX_LEGAL_TEXTS && LEGAL_HINT.test(readable))
        legalTexts.push(readable.replace(/\s+/g, ' ').trim());
      if (length <= 160 && rawNames.length < MAX_NAMES) {
        // A name is two words at least ("Doe,Jane" too): one word alone is not read further.
        const found = NAME_START.test(readable) && TWO_WORDS.test(readable) ? nameAndRole(readable) : null;
        if (found) rawNames.push({ el: nameElement(el, part), text: node, name: found.name, role: found.role, offset });
      }
    }
    offset += length;
  };
  walk(root);
  // A page too long to read whole still has its closing blocks read (an article's author box, the footer with the
  // imprint), where contact details usually stand: the last three after the cut, 3,000 nodes and 15 ms at most.
  if (cutShort !== null && scope === null && root.nodeType === 1) {
    const at = cutShort as Node;
    // After the cut in the page itself (a cut inside a frame or a shadow tree has no place in its order: 1).
    const closing = selectAll(root as Element, TAIL_BLOCKS, 200).filter(
      (el) => (at.compareDocumentPosition(el) & 5) === 4 /* follows, connected */ && !el.contains(at),
    );
    // In document order, a block inside another comes right after it (as in ./snapshot.ts).
    const outermost: Element[] = [];
    for (const el of closing) if (!outermost.at(-1)?.contains(el)) outermost.push(el);
    Object.assign(bounds, { until: now() + TAIL_MILLIS, floor: 0 });
    for (const block of outermost.slice(-3)) {
      Object.assign(bounds, { nodes: nodes + TAIL_NODES, text: offset + MAX_TEXT_NODE });
      try {
        visit(block);
      } catch {
        // As in the walk: a node the page made unreadable is skipped.
      }
      walk(block);
    }
  }

  resolveSpelledOut(spelled, rawHits);

  // Checking what is seen can force a layout of a huge page. Past the time, the page is cut where the check got to:
  // the details and the names after that point are both left out, so that no detail loses the name it belongs to.
  const checkUntil = started + limits.maxMillis * 1.25;
  const inTime = (index: number) => index < MIN_CHECKED || now() <= checkUntil;
  let cutAt = Number.POSITIVE_INFINITY;
  const seenHits: Hit[] = [];
  rawHits.sort((a, b) => a.offset - b.offset);
  for (const [i, hit] of rawHits.entries()) {
    if (!inTime(i)) {
      cutAt = hit.offset;
      truncated = true;
      break;
    }
    if (visibility.seen(hit.el)) seenHits.push(hit);
  }
  // Names are many and only some end up owning details: the cheap check here, the full one when one is used.
  const names: NameAnchor[] = [];
  for (const [i, name] of rawNames.entries()) {
    if (name.offset >= cutAt) break;
    if (!inTime(i)) {
      cutAt = name.offset;
      truncated = true;
      break;
    }
    if (visibility.usable(name.el) && !inAddressPart(name.el)) names.push(name);
  }
  const hits = cutAt === Number.POSITIVE_INFINITY ? seenHits : seenHits.filter((h) => h.offset < cutAt);
  return { hits, names, headings, legalTexts, truncated };
}

// Parts of a postal address marked up as such: "Palo Alto" in a card's locality is a place, not a person.
const ADDRESS_PART =
  '.adr,.p-adr,.h-adr,.locality,.p-locality,.region,.p-region,.street-address,.p-street-address,.country-name,[itemprop~="address"],[itemprop~="addressLocality"],[itemprop~="addressRegion"],[itemprop~="streetAddress"],[property~="address"],[property~="addressLocality"],[property~="schema:address"]';

function inAddressPart(el: Element): boolean {
  return closest(el, ADDRESS_PART) !== null;
}

function cloudflareHit(el: Element, offset: number, out: Hit[]): void {
  const email = cleanEmail(decodeCloudflare(el.getAttribute('data-cfemail') ?? '') ?? '');
  if (email) out.push({ kind: 'email', value: email, el, offset, source: 'cloudflare', phoneType: 'work' });
}

function sameOriginBody(frame: HTMLIFrameElement): HTMLElement | null {
  try {
    return frame.contentDocument?.body ?? null;
  } catch {
    return null;
  }
}

/** The element that holds just the name: <h3><a>Jane Doe</a></h3> → the h3. */
function nameElement(el: Element, text: string): Element {
  const wanted = text.trim();
  let current = el;
  for (let i = 0; i < 3; i++) {
    const up = parentOf(current);
    // Only a wrapper around the name alone (<h3><a>Jane Doe</a></h3>), never a big container's whole text.
    if (up?.childElementCount !== 1 || up.childNodes.length > 3 || (up.textContent ?? '').trim() !== wanted) break;
    current = up;
  }
  return current;
}

/** Markup that says a number is a phone: class or itemprop "tel"/"phone", or a table column headed "Phone". */
function phoneHint(el: Element): boolean {
  let current: Element | null = el;
  for (let i = 0; i < 3 && current; i++, current = parentOf(current)) {
    const marks = `${current.getAttribute('class') ?? ''} ${current.getAttribute('itemprop') ?? ''} ${current.getAttribute('property') ?? ''}`;
    if (PHONE_CLASS.test(marks)) return true;
  }
  return underPhoneHeader(el) || besideEmail(el);
}

/** A cell in a column headed "Phone" / "Telefon" (an HTML table or an ARIA grid). */
function underPhoneHeader(el: Element): boolean {
  const cell = el.closest('td,[role="cell"],[role="gridcell"]');
  const row = cell ? parentOf(cell) : null;
  const table = cell?.closest('table,[role="table"],[role="grid"]');
  if (!cell || !row || !table) return false;
  const index = Array.prototype.indexOf.call(row.children, cell);
  const header =
    table.querySelector('thead tr') ??
    table.querySelector('[role="row"]:has(> [role="columnheader"])') ??
    table.querySelector('tr');
  const heading = header && header !== row ? header.children[index] : null;
  return heading ? PHONE_HEADER.test(heading.textContent ?? '') : false;
}

/** A number in the same short block as an email ("jane@… · 212-555-0148", "oskar{at}…<br>073-981 22 40"). */
function besideEmail(el: Element): boolean {
  const block = el.closest('p,li,dd,td,div,address,[role="cell"]');
  if (!block) return false;
  // Read at most 400 characters: the block may be a wrapper around the whole page.
  const text = textWithin(block, 400, '');
  if (text === null) return false;
  return (
    /@|[[({]\s*(?:at|ät)\s*[\])}]/i.test(text) ||
    block.querySelector('a[href^="mailto:" i],a[href*="/cdn-cgi/l/email-protection"],[data-cfemail]') !== null
  );
}

/**
 * An element's text, its text nodes joined by `separator`, or null as soon as it grows past `max` characters:
 * a bounded read where textContent would build the whole (possibly page-sized) string first.
 */
export function textWithin(el: Element, max: number, separator: string): string | null {
  const walker = el.ownerDocument.createTreeWalker(el, 4 /* SHOW_TEXT */);
  let text = '';
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    text += `${node.nodeValue}${separator}`;
    if (text.length > max) return null;
  }
  return text;
}
