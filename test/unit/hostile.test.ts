import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { CaptureResultSchema, RawCaptureSchema } from '@/lib/capture-result';
import { finishCapture } from '@/lib/extract/extension/finish';
import { markupEntities } from '@/lib/extract/extension/markup';
import { extractPage } from '@/lib/extract/page';
import { parsePage } from '../../scripts/common/dom';
import { hugeTextNode, manyEmails } from '../fixtures/hostile/generate';

// Hostile pages (test/fixtures/hostile/): extraction must not crash, run anything, take long or return nonsense.
const open: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of open.splice(0)) await close();
});

function capture(html: string, url: string) {
  const page = parsePage(html, url);
  open.push(page.close);
  const started = performance.now();
  const raw = RawCaptureSchema.parse(extractPage(page.document));
  const result = CaptureResultSchema.parse(finishCapture(raw, { markup: markupEntities(raw.snapshots, raw.url) }));
  return { raw, result, ms: performance.now() - started };
}

const fixture = (name: string) => readFileSync(`test/fixtures/hostile/${name}`, 'utf8');

describe('hostile pages', () => {
  it('keeps markup in names, titles and JSON-LD as text, and never takes it for a name', () => {
    const { result } = capture(fixture('payloads.html'), 'https://www.evil-corp.net/team');
    const names = result.candidates.flatMap((c) => (c.name ? [c.name.full] : []));
    expect(names.some((n) => /[<>]/.test(n))).toBe(false);
    expect(names).toContain('Eve Jones');
    const emails = result.candidates.flatMap((c) => c.emails).sort();
    // A javascript: link is not an address, even when its text looks like one; the mailto's ?subject is dropped.
    expect(emails).toEqual(['eve@evil-corp.net', 'mallory@evil-corp.net']);
    const mallory = result.candidates.find((c) => c.emails.includes('mallory@evil-corp.net'));
    expect(mallory?.phones.map((p) => p.e164)).toEqual(['+14155550111']);
  });

  it('reads JSON-LD with __proto__ and constructor keys without polluting any prototype', () => {
    const { result } = capture(fixture('json-ld-pollution.html'), 'https://www.proto-ltd.co.uk/contact');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
    const olga = result.candidates.find((c) => c.name?.full === 'Olga Petrova');
    expect(olga?.emails).toEqual(['olga@proto-ltd.co.uk']);
    expect(olga?.company).toBe('Proto Ltd');
    // Objects where strings belong are skipped, not turned into "[object Object]".
    expect(JSON.stringify(result)).not.toContain('[object Object]');
    expect(JSON.stringify(result)).not.toContain('boom');
  });

  it('skips malformed JSON-LD and keeps what is well formed', () => {
    const { result } = capture(fixture('json-ld-malformed.html'), 'https://www.broken-data.de/team');
    const jonas = result.candidates.find((c) => c.name?.full === 'Jonas Keller');
    expect(jonas?.emails).toEqual(['jonas.keller@broken-data.de']);
    expect(jonas?.phones.map((p) => p.e164)).toEqual(['+493012345678']);
    expect(result.candidates.flatMap((c) => c.emails)).not.toContain('half@broken-data.de');
  });

  it('removes zero-width characters and direction overrides from names, titles and addresses', () => {
    const { result } = capture(fixture('invisible-characters.html'), 'https://www.zero-width.com/team');
    const all = JSON.stringify(result);
    expect(/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/.test(all)).toBe(false);
    const jane = result.candidates.find((c) => c.emails.includes('jane.rowe@zero-width.com'));
    expect(jane?.name?.full).toBe('Jane Rowe');
    expect(jane?.title).toBe('Head of Sales');
    expect(jane?.phones.map((p) => p.e164)).toEqual(['+14155550122']);
    const sam = result.candidates.find((c) => c.emails.includes('sam.kerr@zero-width.com'));
    expect(sam?.name?.full).toBe('Sam Kerr');
    expect(sam?.title).toBe('Account Manager');
    expect(result.candidates.flatMap((c) => c.emails).some((e) => e === 'ne.rowe@zero-width.com')).toBe(false);
  });

  it('replaces broken UTF-16 from JSON-LD with the replacement character', () => {
    const html = `<html><head><script type="application/ld+json">{"@type":"Person","name":"Ana \\ud800Lima","jobTitle":"CEO \\udc00","email":"ana@lima-co.com.br"}</script></head><body></body></html>`;
    const { result } = capture(html, 'https://www.lima-co.com.br/');
    const ana = result.candidates.find((c) => c.emails.includes('ana@lima-co.com.br'));
    expect(ana?.title).toBe('CEO \ufffd');
    expect(JSON.stringify(result)).not.toMatch(/\\ud[89ab]/i);
  });

  it('reads a 20 MB text node within its bounds', () => {
    const { raw, result, ms } = capture(hugeTextNode(20), 'https://www.huge-pages.com/');
    expect(result.candidates.flatMap((c) => c.emails)).toContain('first.contact@huge-pages.com');
    // One text node is read up to 100,000 characters: the address at its far end is out of bounds.
    expect(result.candidates.flatMap((c) => c.emails)).not.toContain('last.contact@huge-pages.com');
    expect(raw.truncated).toBe(false);
    expect(ms).toBeLessThan(3000);
  });

  it('returns at most 200 people from thousands of addresses, and says the page was cut', () => {
    const { raw, result } = capture(manyEmails(5000), 'https://www.many-mails.com/list');
    expect(result.candidates.length).toBeLessThanOrEqual(200);
    expect(raw.truncated).toBe(true);
    expect(result.candidates[0]?.emails).toEqual(['user0@many-mails.com']);
  });
});
