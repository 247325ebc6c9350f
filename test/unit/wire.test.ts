import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { finishCapture } from '@/lib/extract/extension/finish';
import { markupEntities } from '@/lib/extract/extension/markup';
import { entitiesFromWire, entitiesToWire } from '@/lib/extract/extension/wire';
import { extractPage } from '@/lib/extract/page';
import { parsePage } from '../../scripts/common/dom';

// Marked-up entities travel from the popup to the worker as a JSON graph (lib/extract/extension/wire.ts): what the
// worker finishes from them must be what the popup would have finished from the entities themselves.
const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers) await close();
});

const PAGES = ['schemaorg', 'mf'].flatMap((dir) =>
  readdirSync(`test/fixtures/conformance/${dir}`)
    .filter((f) => f.endsWith('.html') && !f.includes('jsonld'))
    .map((f) => `test/fixtures/conformance/${dir}/${f}`),
);

describe('marked-up entities as a message', () => {
  it.each(PAGES)('%s: the same people through the wire as without it', (file) => {
    const page = parsePage(readFileSync(file, 'utf8'), 'https://example.com/page');
    closers.push(page.close);
    const raw = extractPage(page.document);
    const entities = markupEntities(raw.snapshots, raw.url);
    const travelled = entitiesFromWire(JSON.parse(JSON.stringify(entitiesToWire(entities))));
    expect(travelled).toHaveLength(entities.length);
    expect(finishCapture(raw, { region: null, markup: travelled })).toEqual(
      finishCapture(raw, { region: null, markup: entities }),
    );
  });

  it('keeps shared and circular references as one graph, and "__proto__" as a key', () => {
    const props = () => Object.create(null) as Record<string, never[]>;
    const org = { types: ['Organization'], props: props(), source: 'microdata' as const };
    const person = { types: ['Person'], props: props(), source: 'microdata' as const };
    Object.assign(org.props, { name: ['Acme'], employee: [person] });
    Object.assign(person.props, { name: ['Jane Doe'], worksFor: [org] });
    Object.defineProperty(person.props, '__proto__', { value: ['x'], enumerable: true });
    const [a, b] = entitiesFromWire(JSON.parse(JSON.stringify(entitiesToWire([org, person]))));
    expect(a?.props.employee?.[0]).toBe(b);
    expect(b?.props.worksFor?.[0]).toBe(a);
    expect(Object.getPrototypeOf(b?.props)).toBeNull();
    expect(Object.getOwnPropertyDescriptor(b?.props, '__proto__')?.value).toEqual(['x']);
    expect(b?.props.constructor).toBeUndefined();
  });

  it('takes nothing from a graph that is not what the popup writes', () => {
    const good = entitiesToWire([{ types: ['Person'], props: { name: ['Jane'] }, source: 'rdfa' }]);
    expect(entitiesFromWire(good)).toHaveLength(1);
    for (const bad of [
      null,
      'x',
      { nodes: good.nodes, roots: [5] },
      { nodes: [{ ...good.nodes[0], source: 'text' }], roots: [0] },
      { nodes: [{ ...good.nodes[0], props: [['name', [{ ref: 9 }]]] }], roots: [0] },
      { nodes: [{ ...good.nodes[0], props: [['name', [42]]] }], roots: [0] },
      { nodes: Array.from({ length: 3001 }, () => good.nodes[0]), roots: [0] },
    ])
      expect(entitiesFromWire(bad)).toEqual([]);
  });
});
