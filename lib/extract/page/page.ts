/**
 * What the page says about itself, read raw in the tab: its title, language, og:site_name, the text where it
 * states who and where it is (footer, <address>) and its JSON-LD. The reading of it happens outside the page
 * (./site.ts), so the injected script stays small.
 */

import type { RawCapture } from '../common/types';
import { attr, closest, parentOf } from './dom';
import { collectSnapshots } from './snapshot';

const MAX_JSON_LD = 512 * 1024;

export function readPage(
  doc: Document,
  withJsonLd: boolean,
  deadline: number,
): Pick<
  RawCapture,
  | 'title'
  | 'heading'
  | 'afterHeading'
  | 'headingOrg'
  | 'lang'
  | 'metaSiteName'
  | 'metaPerson'
  | 'siteTexts'
  | 'jsonLd'
  | 'snapshots'
  | 'metas'
> {
  const title = (doc.title ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
  const meta = (name: string) =>
    doc.querySelector(`meta[property="${name}"],meta[name="${name}"]`)?.getAttribute('content')?.trim() || null;
  const footer = doc.querySelector('footer,[role="contentinfo"]');
  const squeeze = (text: string | null | undefined, max: number) =>
    (text ?? '').replace(/\s+/g, ' ').trim().slice(0, max);
  const siteTexts = [
    footer ? blockText(footer, 6000) : null,
    ...[...doc.querySelectorAll('address')].slice(0, 5).map((a) => a.textContent),
  ]
    .map((t) => squeeze(t, 3000))
    .filter((t) => t !== '');
  const jsonLd = withJsonLd
    ? [...doc.querySelectorAll('script[type="application/ld+json"]')]
        .slice(0, 20)
        .map((s) => s.textContent ?? '')
        .filter((t) => t.length <= MAX_JSON_LD)
    : [];
  const h1 = doc.querySelector('h1');
  const after = h1 ? linesAfter(h1) : { lines: [], org: null };
  return {
    title,
    heading: squeeze(h1?.textContent, 300) || null,
    afterHeading: after.lines,
    headingOrg: after.org,
    lang: doc.documentElement.getAttribute('lang')?.trim().slice(0, 100) || meta('og:locale')?.slice(0, 100) || null,
    metaSiteName: meta('og:site_name')?.slice(0, 200) ?? null,
    metaPerson:
      ([meta('profile:first_name'), meta('profile:last_name')].filter(Boolean).join(' ') || meta('author'))?.slice(
        0,
        200,
      ) ?? null,
    siteTexts,
    jsonLd,
    ...(withJsonLd ? collectSnapshots(doc, deadline) : { snapshots: [], metas: [] }),
  };
}

const SKIPPED = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'BUTTON', 'SELECT', 'OPTION']);
const BLOCK = /^(?:P|DIV|LI|TD|TH|DT|DD|H[1-6]|SECTION|ARTICLE|ADDRESS|UL|OL|TABLE|TR|NAV|ASIDE|HEADER|FOOTER|BR)$/;

/**
 * A block's text with " · " where one of its blocks (or source lines of elements) ends and the next begins:
 * "© 2026 Creevey Lab, Queen's University Belfast" and "Built with Hugo" on two lines do not read as one.
 */
function blockText(root: Element, max: number): string {
  const walker = root.ownerDocument.createTreeWalker(root, 1 | 4 /* SHOW_ELEMENT | SHOW_TEXT */);
  let text = '';
  let pending = false;
  for (let node = walker.nextNode(); node !== null && text.length < max; node = walker.nextNode()) {
    if (node.nodeType === 1) {
      if (BLOCK.test(node.nodeName)) pending = true;
      continue;
    }
    const parent = node.parentNode;
    if (parent && SKIPPED.has(parent.nodeName)) continue;
    const value = node.nodeValue ?? '';
    if (value.trim() === '') {
      // A line break in the source between two elements is where one line of the footer ends, mostly.
      if (value.includes('\n')) pending = true;
      else if (text !== '' && !text.endsWith(' ')) text += ' ';
      continue;
    }
    text += pending && text !== '' ? ` · ${value}` : value;
    pending = false;
  }
  return text;
}

const HIDDEN_PART = '[aria-hidden="true"],[aria-modal="true"],[role="dialog"],dialog,[hidden]';

/** A platform's page of an organisation: linkedin.com/company/…, crunchbase.com/organization/…, xing.com/pages/…. */
const ORG_PAGE = /\/(?:company|companies|organization|organisation|pages)\/[^/?#\s]+/i;

/**
 * The first short lines written after the page's heading: on a profile, the person's headline and employer; and
 * the first of them that links to an organisation's page (a profile's "current company").
 */
function linesAfter(heading: Element): { lines: string[]; org: string | null } {
  const doc = heading.ownerDocument;
  const walker = doc.createTreeWalker(doc.body ?? doc.documentElement, 4 /* SHOW_TEXT */);
  let last: Node = heading;
  while (last.lastChild) last = last.lastChild;
  walker.currentNode = last;
  const lines: string[] = [];
  let org: string | null = null;
  let read = 0;
  let walked = 0;
  for (
    let node = walker.nextNode();
    node !== null && lines.length < 10 && read < 2000 && walked++ < 3000;
    node = walker.nextNode()
  ) {
    const text = (node.nodeValue ?? '').slice(0, 300).replace(/\s+/g, ' ').trim();
    // The blank nodes between elements, most of them, are passed before any ancestor is looked up.
    if (text === '') continue;
    const parent = parentOf(node);
    if (!parent || SKIPPED.has(parent.nodeName)) continue;
    // A sign-in dialog the platform parks after the name ("Sign in to view Satya's full profile") is not the header.
    if (closest(parent, HIDDEN_PART) !== null) continue;
    read += text.length;
    if (text.length < 2 || text.length > 150) continue;
    lines.push(text);
    if (org === null && text.length <= 100) {
      const href = attrOf(closest(parent, 'a[href]'), 'href');
      if (href !== null && ORG_PAGE.test(href)) org = text;
    }
  }
  return { lines, org };
}

const attrOf = (el: Element | null, name: string) => (el ? attr(el, name) : null);
