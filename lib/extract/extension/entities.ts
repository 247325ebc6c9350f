/**
 * Extension side: what structured data (JSON-LD, microdata, RDFa, microformats) declares, as one graph of
 * schema.org-like entities, read into candidates. Every reader (./structured.ts, ./markup.ts) yields entities;
 * this file alone knows what a Person, an Organization (any of its subtypes) and a ContactPoint mean.
 */
import { cleanEmail } from '../common/hits';
import type { RawCandidate, RawPhone, SignalSource } from '../common/types';
import { ORGANIZATION_TYPES, PERSON_TYPES } from './schema-types';

export type Value = string | Entity;

export interface Entity {
  /** Local type names: "Person", "Dentist" (vocabulary prefixes removed). */
  types: string[];
  /** Local property names to their values; a prototype-free map, so "__proto__" is only ever a key. */
  props: Record<string, Value[]>;
  source: SignalSource;
}

export interface StructuredFacts {
  people: RawCandidate[];
  /** The organisation the page is about or published by (top-level, not someone's employer). */
  organization: string | null;
  countries: string[];
}

const MAX_VISITS = 3000;
const MAX_DEPTH = 12;
// Organisations a page names that are not its contacts: a product's brand or maker, a review's publisher.
const NOT_CONTACTS = new Set(['brand', 'manufacturer', 'funder', 'sponsor', 'isPartOf', 'copyrightHolder']);

export function newEntity(types: string[], source: SignalSource): Entity {
  return { types, props: Object.create(null) as Record<string, Value[]>, source };
}

/** "http://schema.org/Person", "schema:Person", "foaf:Person" → "Person". */
export function localName(iri: string): string {
  const trimmed = iri.trim();
  const cut = Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('#'), trimmed.lastIndexOf(':'));
  return trimmed.slice(cut + 1);
}

export function addValue(entity: Entity, key: string, value: Value): void {
  const name = localName(key);
  if (name === '') return;
  const list = Object.hasOwn(entity.props, name) ? (entity.props[name] as Value[]) : [];
  if (list.length >= 100) return;
  list.push(value);
  entity.props[name] = list;
}

// A node's types, with those its additionalType names ("TouristAttraction" with additionalType Winery).
const typesOf = (e: Entity) => [...e.types, ...strings(e, 'additionalType').map(localName)];
const isPerson = (e: Entity) => typesOf(e).some((t) => PERSON_TYPES.has(t));
const isOrganization = (e: Entity) => !isPerson(e) && typesOf(e).some((t) => ORGANIZATION_TYPES.has(t));
const isContactPoint = (e: Entity) => e.types.includes('ContactPoint');

function values(e: Entity, key: string): Value[] {
  return Object.hasOwn(e.props, key) ? (e.props[key] as Value[]) : [];
}

function strings(e: Entity, key: string): string[] {
  return values(e, key)
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.replace(/\s+/g, ' ').trim())
    .filter((v) => v !== '');
}

const first = (e: Entity, key: string) => strings(e, key)[0] ?? null;

/** The name of a value that names something: a string, or an entity's name. */
function nameOf(value: Value | undefined): string | null {
  if (value === undefined) return null;
  if (typeof value === 'string') return value.replace(/\s+/g, ' ').trim() || null;
  return first(value, 'name') ?? first(value, 'legalName');
}

function personName(e: Entity): string | null {
  const name = first(e, 'name');
  if (name) return name;
  return [first(e, 'givenName'), first(e, 'familyName')].filter(Boolean).join(' ') || null;
}

function contactPoints(e: Entity): Entity[] {
  return values(e, 'contactPoint').filter((v): v is Entity => typeof v !== 'string');
}

function channels(e: Entity): { emails: string[]; phones: RawPhone[] } {
  const own = [e, ...contactPoints(e)];
  const emails = own.flatMap((x) => strings(x, 'email')).flatMap((m) => cleanEmail(m.split('?')[0] ?? '') ?? []);
  const phones: RawPhone[] = [
    ...own.flatMap((x) => strings(x, 'telephone').map((raw) => ({ raw: tel(raw), type: 'work' as const }))),
    ...own.flatMap((x) => strings(x, 'faxNumber').map((raw) => ({ raw: tel(raw), type: 'fax' as const }))),
  ];
  return { emails: [...new Set(emails)].slice(0, 20), phones: phones.slice(0, 20) };
}

const tel = (raw: string) => raw.replace(/^tel:/i, '').slice(0, 100);

function links(e: Entity): string[] {
  return [...strings(e, 'sameAs'), ...strings(e, 'url')].filter((u) => /^https?:\/\//i.test(u)).slice(0, 10);
}

function country(e: Entity): string | null {
  for (const address of values(e, 'address')) {
    if (typeof address === 'string') continue;
    const c = values(address, 'addressCountry')[0];
    const name = nameOf(c);
    if (name) return name;
  }
  return first(e, 'addressCountry');
}

/** People, organisations with a channel, and contact points, from a graph of entities. */
export function readEntities(roots: Entity[]): StructuredFacts {
  const facts: StructuredFacts = { people: [], organization: null, countries: [] };
  const seen = new Set<Entity>();
  let visits = 0;
  const visit = (e: Entity, org: string | null, depth: number, viaPerson: boolean): void => {
    if (depth > MAX_DEPTH || seen.has(e) || visits++ > MAX_VISITS) return;
    seen.add(e);
    const place = country(e);
    if (place) facts.countries.push(place);
    let context = org;
    if (isPerson(e)) {
      const { emails, phones } = channels(e);
      const employer = ['worksFor', 'affiliation', 'memberOf'].map((k) => nameOf(values(e, k)[0])).find(Boolean);
      facts.people.push({
        name: personName(e)?.slice(0, 200) ?? null,
        // A job title may be a DefinedTerm ({"@type": "DefinedTerm", "name": "Aid worker"}), or an occupation.
        title: (nameOf(values(e, 'jobTitle')[0]) ?? nameOf(values(e, 'hasOccupation')[0]))?.slice(0, 200) ?? null,
        company: (employer ?? org)?.slice(0, 200) ?? null,
        emails,
        phones,
        links: links(e),
        sources: [e.source],
        declared: true,
      });
    } else if (isOrganization(e)) {
      const name = nameOf(e);
      if (name && !viaPerson && depth <= 2) facts.organization ??= name;
      const { emails, phones } = channels(e);
      // An organisation is a contact of its own (a company record), with or without a channel.
      if (name || emails.length > 0 || phones.length > 0) {
        facts.people.push({
          name: null,
          // A résumé's experience card: the organisation with the role held there.
          title: first(e, 'jobTitle')?.slice(0, 200) ?? null,
          company: name?.slice(0, 200) ?? org,
          emails,
          phones,
          links: links(e),
          sources: [e.source],
          declared: name !== null,
        });
      }
      context = name ?? org;
    } else if (isContactPoint(e)) {
      const { emails, phones } = channels(e);
      if (emails.length > 0 || phones.length > 0)
        facts.people.push({ name: null, title: null, company: org, emails, phones, links: [], sources: [e.source] });
    }
    for (const key of Object.keys(e.props)) {
      if ((key === 'contactPoint' && isOrganization(e)) || NOT_CONTACTS.has(key)) continue;
      for (const v of e.props[key] as Value[])
        if (typeof v !== 'string') visit(v, context, depth + 1, viaPerson || isPerson(e));
    }
  };
  for (const root of roots) visit(root, null, 0, false);
  return facts;
}
