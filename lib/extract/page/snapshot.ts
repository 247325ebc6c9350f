/**
 * Page side: the marked-up parts of the page (microdata, RDFa, microformats) as bounded HTML snapshots, and its
 * meta tags, collected raw. They are read outside the page with full parsers (./markup.ts), so the injected
 * script carries no structured-data parser of its own.
 */

import { attr, closest, parentOf, selectAll } from './dom';

const ROOTS =
  '[itemscope],[typeof],.h-card,.vcard,.h-entry,.hentry,.h-event,.vevent,.h-review,.hreview,.h-feed,.h-resume,.hresume';
export const MAX_SNAPSHOT = 200_000;
const MAX_TOTAL = 1_000_000;
export const MAX_SNAPSHOTS = 300;
const MAX_METAS = 200;

export interface Snapshots {
  snapshots: string[];
  metas: Array<[string, string]>;
}

/**
 * The outermost marked-up elements, each as its outer HTML; one too big to take (a `<body itemscope>`) is
 * replaced by the marked-up elements inside it. RDFa roots carry the `vocab`/`prefix` of their ancestors.
 */
export function collectSnapshots(doc: Document, deadline: number): Snapshots {
  const snapshots: string[] = [];
  let total = 0;
  const queue: Element[] = [doc.documentElement];
  while (queue.length > 0 && snapshots.length < MAX_SNAPSHOTS && total < MAX_TOTAL && Date.now() < deadline) {
    const scope = queue.shift() as Element;
    let last: Element | null = null;
    for (const el of selectAll(scope, ROOTS)) {
      if (last?.contains(el)) continue;
      last = el;
      const html = el.outerHTML;
      if (html.length > MAX_SNAPSHOT) {
        queue.push(el);
        continue;
      }
      if (total + html.length > MAX_TOTAL || snapshots.length >= MAX_SNAPSHOTS || Date.now() >= deadline) break;
      snapshots.push(withContext(el, html));
      total += html.length;
      // What the part refers to elsewhere (a table's headers="org", itemref="…", an include link) comes along.
      for (const ref of referenced(el, doc)) {
        const part = ref.outerHTML;
        if (total + part.length > MAX_TOTAL || snapshots.length >= MAX_SNAPSHOTS) break;
        snapshots.push(part);
        total += part.length;
      }
    }
  }
  const metas: Array<[string, string]> = [];
  for (const meta of doc.querySelectorAll('meta[content]')) {
    const key = meta.getAttribute('property') ?? meta.getAttribute('name') ?? meta.getAttribute('itemprop');
    const value = meta.getAttribute('content');
    if (!key || !value || key.length > 100) continue;
    metas.push([key.slice(0, 100), value.slice(0, 1000)]);
    if (metas.length >= MAX_METAS) break;
  }
  return { snapshots, metas };
}

const REFERRING = '[headers],[itemref],a.include[href^="#"],object.include[data^="#"]';

/** The elements a marked-up part names by id (at most 20), not already inside it. */
function referenced(el: Element, doc: Document): Element[] {
  const ids = new Set<string>();
  const refs = [el, ...el.querySelectorAll(REFERRING)].slice(0, 50);
  for (const r of refs) {
    for (const name of ['headers', 'itemref']) for (const id of (attr(r, name) ?? '').split(/\s+/)) if (id) ids.add(id);
    const link = attr(r, 'href') ?? attr(r, 'data') ?? '';
    if (link.startsWith('#') && r.matches('.include')) ids.add(link.slice(1));
  }
  const out: Element[] = [];
  for (const id of [...ids].slice(0, 20)) {
    const target = doc.getElementById(id);
    if (target && !el.contains(target) && !target.contains(el)) out.push(target);
  }
  return out;
}

/** An RDFa element read alone loses its ancestors' vocabulary: wrap it in a `<div>` that declares it again. */
function withContext(el: Element, html: string): string {
  if (!el.hasAttribute('typeof') || el.hasAttribute('vocab')) return html;
  const parent = parentOf(el);
  const vocabEl = parent ? closest(parent, '[vocab]') : null;
  const prefixEl = parent ? closest(parent, '[prefix]') : null;
  const vocab = vocabEl ? attr(vocabEl, 'vocab') : null;
  const prefix = prefixEl ? attr(prefixEl, 'prefix') : null;
  if (!vocab && !prefix) return html;
  const declare = (name: string, value: string | null | undefined) =>
    value ? ` ${name}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"` : '';
  return `<div${declare('vocab', vocab)}${declare('prefix', prefix)}>${html}</div>`;
}
