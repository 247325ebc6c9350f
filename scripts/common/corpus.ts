// Scores the extraction on the fixture corpus (test/fixtures/pages/*.html + expected *.json): precision, recall
// and F1 per field, the same code path as the extension (extractPage in a DOM, then finishCapture).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CaptureResult } from '../../lib/capture-result';
import { finishCapture } from '../../lib/extract/extension/finish';
import { markupEntities } from '../../lib/extract/extension/markup';
import { extractPage } from '../../lib/extract/page';
import { NODE_LIMITS, parsePage, readHtml } from './dom';

export interface ExpectedPerson {
  name: string | null;
  /** The synthetic corpus labels the split; real pages do not. */
  first?: string | null;
  last?: string | null;
  emails: string[];
  phones: string[];
  company: string | null;
  title: string | null;
}

export interface ExpectedPage {
  url: string;
  kind: string;
  country: string;
  profile?: boolean;
  people: ExpectedPerson[];
  /** Values neither rewarded nor penalised (fax numbers, names without a channel on a non-profile page). */
  optional?: { names?: string[]; emails?: string[]; phones?: string[] };
  /** Strings on the page that must never come out as an e-mail or a phone. */
  notContacts?: string[];
}

export interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

export const FIELDS = ['emails', 'phones', 'names', 'pairing', 'company', 'title', 'split', 'region'] as const;
export type Field = (typeof FIELDS)[number];

export interface PageScore {
  page: string;
  tallies: Record<Field, Tally>;
  misses: string[];
  nonContacts: string[];
}

const norm = (s: string) => s.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
const LEGAL =
  /\b(gmbh|ag|kg|mbb|e\.?v\.?|ltd|limited|llc|llp|plc|inc|corp|corporation|s\.?a\.?|sas|sarl|s\.?l\.?|s\.?r\.?l\.?|s\.?p\.?a\.?|b\.?v\.?|n\.?v\.?|oy|ab|a\/s|aps|as|pty|co|k\.?k\.?|lda|ltda|de c\.?v\.?|sp\. z o\.o\.|s\.r\.o\.)\b\.?/g;
const normOrg = (s: string) =>
  norm(s)
    .replace(/&/g, 'and')
    .replace(LEGAL, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
/** Same value as a person would judge it: equal, or one contains the other (a role with its city appended). */
function close(a: string, b: string, normal: (s: string) => string): boolean {
  const x = normal(a);
  const y = normal(b);
  return x === y || (x.length > 0 && y.length > 0 && (x.includes(y) || y.includes(x)));
}

const zero = (): Tally => ({ tp: 0, fp: 0, fn: 0 });

function setTally(predicted: Set<string>, expected: Set<string>, t: Tally, misses: string[], label: string): void {
  for (const p of predicted) {
    if (expected.has(p)) t.tp++;
    else {
      t.fp++;
      misses.push(`${label} extra: ${p}`);
    }
  }
  for (const e of expected) {
    if (!predicted.has(e)) {
      t.fn++;
      misses.push(`${label} missed: ${e}`);
    }
  }
}

export function scorePage(page: string, result: CaptureResult, expected: ExpectedPage): PageScore {
  const tallies = Object.fromEntries(FIELDS.map((f) => [f, zero()])) as Record<Field, Tally>;
  const misses: string[] = [];
  const candidates = result.candidates;
  const people = expected.people;

  const optional = expected.optional ?? {};
  // Addresses at domains reserved for documentation (RFC 2606) are placeholders: no mail reaches them.
  const reserved = (e: string) => /@(?:[^@]+\.)?(?:example\.(?:com|org|net)|example|test|invalid)$/.test(e);
  const expEmails = new Set(people.flatMap((p) => p.emails.map(norm)).filter((e) => !reserved(e)));
  const expPhones = new Set(people.flatMap((p) => p.phones));
  const optEmails = new Set((optional.emails ?? []).map(norm));
  const optPhones = new Set(optional.phones ?? []);
  const predEmails = new Set(candidates.flatMap((c) => c.emails.map(norm)).filter((e) => !optEmails.has(e)));
  const predPhones = new Set(candidates.flatMap((c) => c.phones.map((p) => p.e164)).filter((p) => !optPhones.has(p)));
  setTally(predEmails, expEmails, tallies.emails, misses, 'email');
  setTally(predPhones, expPhones, tallies.phones, misses, 'phone');
  // The synthetic pages list every detail, so any extra one is a non-contact; real pages list their traps.
  const nonContacts =
    expected.notContacts === undefined
      ? [...predEmails].filter((e) => !expEmails.has(e)).concat([...predPhones].filter((p) => !expPhones.has(p)))
      : trapsTaken(expected.notContacts, candidates);

  // An organisation's own entry (no name, or its name is its company's) names no person.
  const isOrg = (p: ExpectedPerson) =>
    p.name === null || (p.company !== null && normOrg(p.name) === normOrg(p.company));
  const expNames = new Set(people.flatMap((p) => (p.name && !isOrg(p) ? [norm(p.name)] : [])));
  const optNames = new Set([
    ...(optional.names ?? []).map(norm),
    ...people.flatMap((p) => (p.name && isOrg(p) ? [norm(p.name)] : [])),
  ]);
  const predNames = new Set(
    candidates.flatMap((c) => (c.name && !optNames.has(norm(c.name.full)) ? [norm(c.name.full)] : [])),
  );
  setTally(predNames, expNames, tallies.names, misses, 'name');

  const pairs = (list: Array<{ name: string | null; details: string[] }>) =>
    new Set(list.flatMap((p) => (p.name ? p.details.map((d) => `${norm(p.name as string)} ↔ ${d}`) : [])));
  setTally(
    pairs(
      candidates.map((c) => ({
        name: c.name?.full ?? null,
        details: [...c.emails.map(norm), ...c.phones.map((p) => p.e164)],
      })),
    ),
    pairs(people.map((p) => ({ name: isOrg(p) ? null : p.name, details: [...p.emails.map(norm), ...p.phones] }))),
    tallies.pairing,
    misses,
    'pair',
  );

  for (const person of people) {
    const match =
      (isOrg(person)
        ? candidates.find(
            (c) => c.name === null && c.company && person.company && close(c.company, person.company, normOrg),
          )
        : undefined) ??
      candidates.find((c) => person.name !== null && c.name !== null && norm(c.name.full) === norm(person.name)) ??
      // By email before phone: a switchboard number stands on several people's cards.
      candidates.find((c) => c.emails.some((e) => person.emails.includes(norm(e)))) ??
      candidates.find((c) => c.phones.some((p) => person.phones.includes(p.e164))) ??
      // A card that states only a role (a résumé's contact card) has nothing but the role to be known by.
      (person.name === null && person.company === null && person.emails.length + person.phones.length === 0
        ? candidates.find(
            (c) =>
              c.name === null &&
              !c.company &&
              c.emails.length + c.phones.length === 0 &&
              c.title !== null &&
              person.title !== null &&
              norm(c.title) === norm(person.title),
          )
        : undefined);
    for (const field of ['company', 'title'] as const) {
      const want = person[field];
      const got = match?.[field] ?? null;
      const t = tallies[field];
      if (want && got && close(want, got, field === 'company' ? normOrg : norm)) t.tp++;
      else {
        if (got && (want || field === 'title')) {
          t.fp++;
          misses.push(
            `${field} of ${person.name ?? person.emails[0] ?? person.phones[0]}: got "${got}", want "${want}"`,
          );
        }
        if (want) {
          t.fn++;
          if (!got) misses.push(`${field} of ${person.name ?? person.emails[0]}: missing "${want}"`);
        }
      }
    }
    if (person.first !== undefined && person.name && match?.name && norm(match.name.full) === norm(person.name)) {
      const ok =
        norm(match.name.first) === norm(person.first ?? '') && norm(match.name.last) === norm(person.last ?? '');
      if (ok) tallies.split.tp++;
      else {
        tallies.split.fp++;
        tallies.split.fn++;
        misses.push(
          `split of ${person.name}: got "${match.name.first}" / "${match.name.last}", want "${person.first}" / "${person.last}"`,
        );
      }
    }
  }
  if (result.region === expected.country) tallies.region.tp++;
  else {
    tallies.region.fp++;
    tallies.region.fn++;
    misses.push(`region: got ${result.region}, want ${expected.country}`);
  }
  return { page, tallies, misses, nonContacts };
}

/** The labelled pages under a folder and its subfolders, as paths relative to it. */
export function pagesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.html') && existsSync(join(dir, f.replace(/\.html$/, '.json'))))
    .sort();
}

/** Which of the page's listed traps came out as a detail: an address, or a number with the same digits. */
function trapsTaken(traps: string[], candidates: CaptureResult['candidates']): string[] {
  const digits = (s: string) => s.replace(/\D/g, '');
  const emails = candidates.flatMap((c) => c.emails.map(norm));
  const numbers = candidates.flatMap((c) => c.phones.flatMap((p) => [digits(p.raw), digits(p.e164)]));
  return traps.filter((trap) => {
    const d = digits(trap);
    return emails.includes(norm(trap)) || (d.length >= 5 && numbers.some((n) => n === d || n.endsWith(d)));
  });
}

export const CORPORA = {
  real: 'test/fixtures/real',
  synthetic: 'test/fixtures/pages',
  conformance: 'test/fixtures/conformance',
} as const;

export async function scoreCorpus(dir = 'test/fixtures/pages'): Promise<PageScore[]> {
  const scores: PageScore[] = [];
  for (const file of pagesIn(dir)) {
    const expected = JSON.parse(readFileSync(join(dir, file.replace(/\.html$/, '.json')), 'utf8')) as ExpectedPage;
    // A page whose address its source did not keep is read as if served from nowhere in particular.
    const page = parsePage(readHtml(join(dir, file)), expected.url ?? 'https://localhost/');
    const raw = extractPage(page.document, { limits: NODE_LIMITS });
    const result = finishCapture(raw, { markup: markupEntities(raw.snapshots, raw.url) });
    await page.close();
    scores.push(scorePage(file.replace(/\.html$/, ''), result, expected));
  }
  return scores;
}

export function totals(scores: PageScore[]): Record<Field, Tally & { precision: number; recall: number; f1: number }> {
  const out = {} as Record<Field, Tally & { precision: number; recall: number; f1: number }>;
  for (const field of FIELDS) {
    const t = scores.reduce(
      (acc, s) => ({
        tp: acc.tp + s.tallies[field].tp,
        fp: acc.fp + s.tallies[field].fp,
        fn: acc.fn + s.tallies[field].fn,
      }),
      zero(),
    );
    const precision = t.tp + t.fp === 0 ? 1 : t.tp / (t.tp + t.fp);
    const recall = t.tp + t.fn === 0 ? 1 : t.tp / (t.tp + t.fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    out[field] = { ...t, precision, recall, f1 };
  }
  return out;
}
