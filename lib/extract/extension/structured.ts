/**
 * Extension side: the page's JSON-LD scripts as entities (./entities.ts). Read by hand, not with jsonld.js: a
 * conforming processor must fetch each `@context` (schema.org's is remote, and the popup may not fetch it), and
 * pages' JSON-LD is often not conforming anyway; what we need is its nodes, their types and `@id` references.
 */
import { addValue, type Entity, localName, newEntity } from './entities';

const MAX_SCRIPT = 512 * 1024;
const MAX_NODES = 3000;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function jsonLdEntities(scripts: string[]): Entity[] {
  const roots: Json[] = [];
  for (const text of scripts) {
    if (text.length > MAX_SCRIPT) continue;
    try {
      // Some sites wrap the JSON in HTML comments or CDATA markers.
      const parsed: unknown = JSON.parse(text.replace(/^\s*(?:<!--|\/\/\s*<!\[CDATA\[)|(?:-->|\/\/\s*\]\]>)\s*$/g, ''));
      for (const item of Array.isArray(parsed) ? parsed : [parsed]) if (isObject(item)) roots.push(item);
    } catch {
      // Malformed JSON-LD is common; the rest of the page still counts.
    }
  }
  // Nodes named by @id, so that {"@id": "#org"} stands for the node it names (Yoast-style graphs).
  const byId = new Map<string, Json>();
  let budget = MAX_NODES;
  const index = (v: unknown, depth: number): void => {
    if (depth > 14 || budget-- <= 0) return;
    if (Array.isArray(v)) for (const x of v.slice(0, 500)) index(x, depth + 1);
    else if (isObject(v)) {
      const id = v['@id'];
      if (typeof id === 'string') {
        const known = byId.get(id);
        if (!known || Object.keys(v).length > Object.keys(known).length) byId.set(id, v);
      }
      for (const key of Object.keys(v)) if (key !== '@context') index(v[key], depth + 1);
    }
  };
  for (const root of roots) index(root, 0);

  const made = new Map<Json, Entity>();
  budget = MAX_NODES;
  const toEntity = (node: Json, depth: number): Entity | null => {
    const id = node['@id'];
    const full = typeof id === 'string' ? (byId.get(id) ?? node) : node;
    const known = made.get(full);
    if (known) return known;
    if (depth > 14 || budget-- <= 0) return null;
    const entity = newEntity(typeNames(full['@type']), 'json-ld');
    made.set(full, entity);
    for (const key of Object.keys(full)) {
      if (key.startsWith('@')) continue;
      const raw = full[key];
      for (const v of (Array.isArray(raw) ? raw : [raw]).slice(0, 100)) {
        if (typeof v === 'string' || typeof v === 'number') addValue(entity, key, String(v));
        else if (isObject(v)) {
          if ('@value' in v && (typeof v['@value'] === 'string' || typeof v['@value'] === 'number'))
            addValue(entity, key, String(v['@value']));
          else {
            const child = toEntity(v, depth + 1);
            if (child) addValue(entity, key, child);
          }
        }
      }
    }
    return entity;
  };
  const out: Entity[] = [];
  for (const root of roots) {
    const graph = root['@graph'];
    for (const node of Array.isArray(graph) ? graph : [root]) {
      if (!isObject(node)) continue;
      const entity = toEntity(node, 0);
      if (entity) out.push(entity);
    }
  }
  return out;
}

function typeNames(value: unknown): string[] {
  const list = Array.isArray(value) ? value : [value];
  return list.filter((t): t is string => typeof t === 'string').map(localName);
}
