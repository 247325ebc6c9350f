/**
 * Marked-up entities on their way from the popup (which reads microdata, RDFa and microformats with parse5, loaded
 * only for a page that has some) to the worker (which finishes the capture). A message carries plain JSON, so the
 * graph is written as a list of nodes that refer to each other by index: entities that share a node (itemref, an
 * @id) or refer back to each other arrive as the same graph, and each prototype-free property map is a list of
 * pairs, so "__proto__" or "constructor" stays a key on both sides. The worker checks every part of what arrives.
 */
import type { SignalSource } from '../common/types';
import type { Entity, Value } from './entities';

export interface WireGraph {
  nodes: Array<{ types: string[]; props: Array<[string, Array<string | { ref: number }>]>; source: string }>;
  roots: number[];
}

// As many entities as the reader of entities visits (./entities.ts).
const MAX_NODES = 3000;
const MAX_TEXT = 10_000;
const SOURCES = new Set<SignalSource>(['json-ld', 'microdata', 'rdfa', 'microformat']);

export function entitiesToWire(entities: Entity[]): WireGraph {
  const index = new Map<Entity, number>();
  const nodes: WireGraph['nodes'] = [];
  const order: Entity[] = [];
  const add = (entity: Entity): number | null => {
    const known = index.get(entity);
    if (known !== undefined) return known;
    if (order.length >= MAX_NODES) return null;
    index.set(entity, order.length);
    order.push(entity);
    return order.length - 1;
  };
  const roots = entities.flatMap((e) => add(e) ?? []);
  // Breadth first: the nodes' list grows as their values name new ones.
  for (let i = 0; i < order.length; i++) {
    const entity = order[i] as Entity;
    const props: WireGraph['nodes'][number]['props'] = [];
    for (const key of Object.keys(entity.props)) {
      const values: Array<string | { ref: number }> = [];
      for (const value of entity.props[key] ?? []) {
        if (typeof value === 'string') values.push(value);
        else {
          const ref = add(value);
          if (ref !== null) values.push({ ref });
        }
      }
      props.push([key, values]);
    }
    nodes.push({ types: [...entity.types], props, source: entity.source });
  }
  return { nodes, roots };
}

/** The entities a message carries; none at all where any part is not what entitiesToWire writes. */
export function entitiesFromWire(wire: unknown): Entity[] {
  if (typeof wire !== 'object' || wire === null) return [];
  const { nodes, roots } = wire as Partial<WireGraph>;
  if (!Array.isArray(nodes) || !Array.isArray(roots) || nodes.length > MAX_NODES) return [];
  const entities: Entity[] = [];
  for (const node of nodes as unknown[]) {
    const { types, source, props } = (typeof node === 'object' && node !== null ? node : {}) as Partial<
      WireGraph['nodes'][number]
    >;
    if (!Array.isArray(types) || !types.every((t) => typeof t === 'string' && t.length <= 200)) return [];
    if (typeof source !== 'string' || !SOURCES.has(source as SignalSource) || !Array.isArray(props)) return [];
    entities.push({ types, props: Object.create(null) as Record<string, Value[]>, source: source as SignalSource });
  }
  const at = (ref: unknown): Entity | null => (Number.isInteger(ref) ? (entities[ref as number] ?? null) : null);
  for (const [i, node] of (nodes as WireGraph['nodes']).entries()) {
    const entity = entities[i] as Entity;
    for (const pair of node.props as unknown[]) {
      if (!Array.isArray(pair) || pair.length !== 2) return [];
      const [key, values] = pair as [unknown, unknown];
      if (typeof key !== 'string' || key.length > 200 || !Array.isArray(values)) return [];
      const out: Value[] = [];
      for (const v of values as unknown[]) {
        const item =
          typeof v === 'string'
            ? v.slice(0, MAX_TEXT)
            : typeof v === 'object' && v !== null
              ? at((v as { ref?: unknown }).ref)
              : null;
        if (item === null) return [];
        out.push(item);
      }
      entity.props[key] = out;
    }
  }
  const out: Entity[] = [];
  for (const ref of roots) {
    const root = at(ref);
    if (root === null) return [];
    out.push(root);
  }
  return out;
}
