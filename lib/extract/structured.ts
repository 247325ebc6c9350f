import { cleanEmail } from './hits';
import type { RawCandidate } from './types';

/** What the page's JSON-LD says about people and the organisation (schema.org Person, Organization, ContactPoint). */
export interface JsonLdFacts {
  people: RawCandidate[];
  organization: string | null;
  countries: string[];
}

const MAX_SCRIPT = 512 * 1024;
const MAX_NODES = 2000;
const ORGANIZATION =
  /Organization|Corporation|LocalBusiness|NGO|School|College|University|Hospital|Hotel|Store|Agency|Office|Firm|Service|Company|Restaurant|Practice|Clinic|Bank/;
const PERSON_KEYS = [
  'employee',
  'employees',
  'member',
  'members',
  'founder',
  'founders',
  'author',
  'contactPoint',
  'itemListElement',
  'item',
  'alumni',
  'person',
  'people',
  'director',
  'ceo',
];

type Node = Record<string, unknown>;

export function readJsonLd(scripts: string[]): JsonLdFacts {
  const facts: JsonLdFacts = { people: [], organization: null, countries: [] };
  let budget = MAX_NODES;
  const visit = (value: unknown, org: string | null, depth: number): void => {
    if (depth > 12 || budget <= 0 || value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const item of value.slice(0, 500)) visit(item, org, depth + 1);
      return;
    }
    budget--;
    const node = value as Node;
    const types = asStrings(node['@type']);
    const name = firstString(node.name);
    const isOrg = types.some((t) => ORGANIZATION.test(t));
    const worksFor = firstString((node.worksFor as Node | undefined)?.name ?? node.worksFor) ?? org;
    if (isOrg && name && !facts.organization) facts.organization = name;
    const addressCountry = (node.address as Node | undefined)?.addressCountry ?? node.addressCountry;
    const country = firstString(addressCountry) ?? firstString((addressCountry as Node | undefined)?.name);
    if (country) facts.countries.push(country);
    if (types.includes('Person')) facts.people.push(person(node, worksFor, 'person'));
    else if (types.includes('ContactPoint')) facts.people.push(person(node, org, 'generic'));
    else if (isOrg && (node.email || node.telephone)) facts.people.push(person(node, name, 'generic'));
    for (const key of [
      ...PERSON_KEYS,
      '@graph',
      'mainEntity',
      'about',
      'subOrganization',
      'department',
      'parentOrganization',
    ]) {
      if (key in node) visit(node[key], isOrg ? (name ?? org) : org, depth + 1);
    }
  };
  for (const text of scripts) {
    if (text.length > MAX_SCRIPT) continue;
    try {
      visit(JSON.parse(text), null, 0);
    } catch {
      // Malformed JSON-LD is common; the rest of the page still counts.
    }
  }
  return facts;
}

function person(node: Node, company: string | null, kind: 'person' | 'generic'): RawCandidate {
  const given = firstString(node.givenName);
  const family = firstString(node.familyName);
  const name =
    kind === 'person' ? (firstString(node.name) ?? ([given, family].filter(Boolean).join(' ') || null)) : null;
  const emails = asStrings(node.email).flatMap((e) => cleanEmail(e) ?? []);
  const phones = [...asStrings(node.telephone), ...asStrings(node.faxNumber)].slice(0, 10).map((raw, i, all) => ({
    raw,
    type: i >= asStrings(node.telephone).length && i < all.length ? ('fax' as const) : ('work' as const),
  }));
  const links = asStrings(node.sameAs).filter((u) => /^https?:\/\//.test(u));
  return {
    name: name ? name.slice(0, 200) : null,
    title: firstString(node.jobTitle)?.slice(0, 200) ?? null,
    company: company?.slice(0, 200) ?? null,
    emails,
    phones,
    links: links.slice(0, 10),
    sources: ['json-ld'],
  };
}

function asStrings(value: unknown): string[] {
  if (typeof value === 'string') return value.trim() ? [value.trim()] : [];
  if (Array.isArray(value))
    return value.filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim());
  return [];
}

function firstString(value: unknown): string | null {
  return asStrings(value)[0] ?? null;
}
