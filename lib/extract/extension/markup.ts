/**
 * Extension side: the page's marked-up snapshots (./snapshot.ts) as entities. One HTML parse (parse5, the
 * parser microformats-parser itself uses) serves microdata and RDFa; microformats, v1 hCard and v2 h-card with
 * their backward-compatible mapping, are read by microformats-parser. The microdata and RDFa readers are small
 * tree walks of their specifications (WHATWG microdata; RDFa Lite: vocab, typeof, property, resource, prefix).
 */
import { mf2 } from 'microformats-parser';
import { type DefaultTreeAdapterMap, parseFragment } from 'parse5';
import { addValue, type Entity, localName, newEntity } from './entities';

type Node = DefaultTreeAdapterMap['node'];
type Element = DefaultTreeAdapterMap['element'];

const MAX_ENTITIES = 2000;

export function markupEntities(snapshots: string[], baseUrl: string): Entity[] {
  if (snapshots.length === 0) return [];
  const html = snapshots.map(inContext).join('\n');
  const out: Entity[] = [];
  let fragment: DefaultTreeAdapterMap['documentFragment'] | null = null;
  try {
    fragment = parseFragment(html);
  } catch {
    fragment = null;
  }
  if (fragment) {
    microdata(fragment, null, out);
    rdfa(fragment, { vocab: '', prefixes: new Map(), subject: null }, out);
  }
  out.push(...microformats(html, baseUrl));
  return out.slice(0, MAX_ENTITIES);
}

/** A table cell or row read alone is dropped by an HTML parser: it is given its table again. */
function inContext(snapshot: string): string {
  const tag = /^\s*<(td|th|tr|tbody|thead|tfoot)\b/i.exec(snapshot)?.[1]?.toLowerCase();
  if (tag === 'td' || tag === 'th') return `<table><tr>${snapshot}</tr></table>`;
  return tag ? `<table>${snapshot}</table>` : snapshot;
}

const isElement = (n: Node): n is Element => 'tagName' in n;

function attr(el: Element, name: string): string | null {
  for (const a of el.attrs) if (a.name === name) return a.value;
  return null;
}

function children(n: Node): Node[] {
  return 'childNodes' in n ? (n.childNodes as Node[]) : [];
}

function textOf(n: Node, max = 2000): string {
  let text = '';
  const walk = (x: Node): void => {
    if (text.length > max) return;
    if (x.nodeName === '#text') text += (x as DefaultTreeAdapterMap['textNode']).value;
    else if (isElement(x) && (x.tagName === 'script' || x.tagName === 'style')) return;
    else if (isElement(x) && x.tagName === 'br') text += ' ';
    else for (const c of children(x)) walk(c);
  };
  walk(n);
  return text.replace(/\s+/g, ' ').trim().slice(0, max);
}

const URL_VALUED = new Set(['a', 'area', 'link']);
const SRC_VALUED = new Set(['audio', 'embed', 'iframe', 'img', 'source', 'track', 'video']);

/** A microdata property's value (WHATWG HTML, "values"). */
function itemValue(el: Element): string {
  const tag = el.tagName;
  if (tag === 'meta') return attr(el, 'content') ?? '';
  if (URL_VALUED.has(tag)) return attr(el, 'href') ?? '';
  if (SRC_VALUED.has(tag)) return attr(el, 'src') ?? '';
  if (tag === 'object') return attr(el, 'data') ?? '';
  if (tag === 'data' || tag === 'meter') return attr(el, 'value') ?? '';
  if (tag === 'time') return attr(el, 'datetime') ?? textOf(el);
  return attr(el, 'content') ?? textOf(el);
}

function microdata(n: Node, item: Entity | null, out: Entity[]): void {
  for (const child of children(n)) {
    if (!isElement(child)) continue;
    const props = (attr(child, 'itemprop') ?? '').split(/\s+/).filter(Boolean);
    if (child.attrs.some((a) => a.name === 'itemscope')) {
      const types = (attr(child, 'itemtype') ?? '').split(/\s+/).filter(Boolean).map(localName);
      const nested = newEntity(types, 'microdata');
      if (item && props.length > 0) for (const p of props) addValue(item, p, nested);
      else if (out.length < MAX_ENTITIES) out.push(nested);
      microdata(child, nested, out);
      continue;
    }
    if (item && props.length > 0) {
      const value = itemValue(child);
      if (value) for (const p of props) addValue(item, p, value);
    }
    microdata(child, item, out);
  }
}

interface RdfaContext {
  vocab: string;
  prefixes: Map<string, string>;
  subject: Entity | null;
}

function rdfa(n: Node, ctx: RdfaContext, out: Entity[]): void {
  for (const child of children(n)) {
    if (!isElement(child)) continue;
    let context = ctx;
    const vocab = attr(child, 'vocab');
    const prefix = attr(child, 'prefix');
    if (vocab !== null || prefix !== null) {
      const prefixes = new Map(ctx.prefixes);
      for (const [, p, iri] of (prefix ?? '').matchAll(/(\S+):\s+(\S+)/g)) prefixes.set(p as string, iri as string);
      context = { ...ctx, vocab: vocab ?? ctx.vocab, prefixes };
    }
    const props = (attr(child, 'property') ?? '').split(/\s+/).filter(Boolean);
    const typeOf = attr(child, 'typeof');
    if (typeOf !== null) {
      const entity = newEntity(typeOf.split(/\s+/).filter(Boolean).map(localName), 'rdfa');
      if (ctx.subject && props.length > 0) for (const p of props) addValue(ctx.subject, p, entity);
      else if (out.length < MAX_ENTITIES) out.push(entity);
      rdfa(child, { ...context, subject: entity }, out);
      continue;
    }
    if (context.subject && props.length > 0) {
      const value =
        attr(child, 'content') ??
        attr(child, 'resource') ??
        attr(child, 'href') ??
        attr(child, 'src') ??
        (child.tagName === 'time' ? attr(child, 'datetime') : null) ??
        textOf(child);
      if (value) for (const p of props) addValue(context.subject, p, value);
    }
    rdfa(child, context, out);
  }
}

type Mf = ReturnType<typeof mf2>['items'][number];
type MfValue = Mf['properties'][string][number];

/** h-card (and classic hCard, by the parser's backward-compatible mapping) as Person or Organization entities. */
function microformats(html: string, baseUrl: string): Entity[] {
  let items: Mf[];
  try {
    items = mf2(html, { baseUrl: safeBase(baseUrl) }).items;
  } catch {
    return [];
  }
  const out: Entity[] = [];
  const visit = (item: Mf, depth: number, asOrg = false): Entity | null => {
    if (depth > 8 || out.length >= MAX_ENTITIES) return null;
    const isCard = item.type?.includes('h-card') ?? false;
    // A résumé is a person's: the schools and employers it names are theirs, not the site's organisation.
    const isResume = item.type?.includes('h-resume') ?? false;
    const entity = isCard ? card(item, asOrg) : newEntity(isResume ? ['Person'] : [], 'microformat');
    for (const [key, list] of Object.entries(item.properties)) {
      for (const v of list) {
        if (typeof v === 'object' && 'properties' in v) {
          const child = visit(v, depth + 1, isCard && key === 'org');
          if (child) addValue(entity, isCard && key === 'org' ? 'worksFor' : key, child);
        }
      }
    }
    for (const c of item.children ?? []) {
      const child = visit(c, depth + 1);
      if (child) addValue(entity, 'hasPart', child);
    }
    return entity;
  };
  for (const item of items) {
    const entity = visit(item, 0);
    if (entity) out.push(entity);
  }
  return out;
}

function mfString(v: MfValue | undefined): string | null {
  if (v === undefined) return null;
  if (typeof v === 'string') return v.trim() || null;
  if ('properties' in v) return mfString(v.properties.name?.[0]) ?? (typeof v.value === 'string' ? v.value : null);
  return typeof v.value === 'string' ? v.value.trim() || null : null;
}

/** An h-card; `asOrg` when it stands as another card's p-org (the organisation's own card). */
function card(item: Mf, asOrg: boolean): Entity {
  const p = item.properties;
  const all = (key: string) => (p[key] ?? []).map(mfString).filter((s): s is string => s !== null);
  const name = all('name')[0] ?? null;
  const org = all('org')[0] ?? null;
  // An h-card whose name is its organisation's is the organisation's own card.
  const isOrg =
    asOrg ||
    (item.type?.includes('h-org') ?? false) ||
    (org !== null && name !== null && org.toLowerCase() === name.toLowerCase());
  const entity = newEntity([isOrg ? 'Organization' : 'Person'], 'microformat');
  if (name) addValue(entity, 'name', name);
  else {
    const given = all('given-name')[0];
    const family = all('family-name')[0];
    if (given) addValue(entity, 'givenName', given);
    if (family) addValue(entity, 'familyName', family);
  }
  if (org && !isOrg) addValue(entity, 'worksFor', org);
  for (const email of all('email')) addValue(entity, 'email', email.replace(/^mailto:/i, ''));
  for (const tel of all('tel')) addValue(entity, 'telephone', tel.replace(/^tel:/i, ''));
  const title = all('job-title')[0] ?? all('role')[0] ?? all('title')[0];
  if (title) addValue(entity, 'jobTitle', title);
  for (const url of all('url')) addValue(entity, 'url', url);
  const country = all('country-name')[0];
  if (country) {
    const address = newEntity(['PostalAddress'], 'microformat');
    addValue(address, 'addressCountry', country);
    addValue(entity, 'address', address);
  }
  return entity;
}

function safeBase(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return 'https://localhost/';
  }
}
