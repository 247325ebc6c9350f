import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { CaptureResultSchema, RawCaptureSchema } from '@/lib/capture-result';
import { type ContactInput, ContactInputSchema, candidateToContact } from '@/lib/contact';
import { finishCapture } from '@/lib/extract/extension/finish';
import { markupEntities } from '@/lib/extract/extension/markup';
import { extractPage } from '@/lib/extract/page';
import { selectAll } from '@/lib/extract/page/dom';
import { externalIdFor } from '@/lib/providers/external-id';
import { PROVIDERS } from '@/lib/providers/index';
import type { Provider } from '@/lib/providers/types';
import { parsePage } from '../../scripts/common/dom';

// Property tests: whatever the page or the person, extraction and the provider mappings never throw and always
// produce output their schemas accept.

const closers: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const close of closers) await close();
});

const piece = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    'Jane Doe',
    'Dr. Ana García Márquez, MBA',
    'jane.doe@acme.com',
    'sales [at] acme [dot] de',
    'Tel: +49 30 1234567',
    '(415) 555-0132 ext. 12',
    'Head of Sales',
    'Acme GmbH',
    '\u202eevil\u202c',
    'ja\u200bne@acme.com',
    '\ud800',
    '<script>alert(1)</script>',
    '&lt;img src=x onerror=1&gt;',
    '2024-05-01',
    'IBAN DE89 3704 0044 0532 0130 00',
  ),
);
const tag = fc.constantFrom('div', 'p', 'span', 'li', 'td', 'h3', 'a', 'dd', 'dt', 'section', 'article', 'strong');
const attribute = fc.oneof(
  fc.constant(''),
  fc.constantFrom(' hidden', ' aria-hidden="true"', ' style="display:none"', ' class="card"', ' itemprop="jobTitle"'),
  piece.map((p) => ` href="mailto:${uri(p)}"`),
  piece.map((p) => ` href="tel:${uri(p)}"`),
  piece.map((p) => ` data-cfemail="${p.replace(/[^0-9a-f]/gi, '').slice(0, 40)}"`),
);
const uri = (text: string) => encodeURIComponent(text.toWellFormed());
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const { tree } = fc.letrec<{ tree: string }>((recurse) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    piece.map(escapeHtml),
    fc
      .tuple(tag, attribute, fc.array(recurse('tree'), { maxLength: 4 }))
      .map(([t, a, children]) => `<${t}${a}>${children.join('')}</${t}>`),
  ),
}));
const jsonLd = fc
  .jsonValue({ maxDepth: 4 })
  .map((value) => `<script type="application/ld+json">${JSON.stringify(value).replace(/</g, '\\u003c')}</script>`);

describe('extraction on any page', () => {
  it('never throws, and its output always passes the CaptureResult schema', () => {
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 6 }), fc.option(jsonLd), (body, ld) => {
        const page = parsePage(
          `<html><head>${ld ?? ''}</head><body>${body.join('')}</body></html>`,
          'https://acme.com/',
        );
        closers.push(page.close);
        const raw = RawCaptureSchema.parse(extractPage(page.document));
        const result = CaptureResultSchema.parse(
          finishCapture(raw, { markup: markupEntities(raw.snapshots, raw.url) }),
        );
        for (const candidate of result.candidates) {
          // What the popup builds from a candidate is a contact the form accepts.
          expect(ContactInputSchema.safeParse(candidateToContact(candidate, result.url)).success).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

const text = (max: number) => fc.string({ unit: 'grapheme', maxLength: max });
const contact: fc.Arbitrary<ContactInput> = fc.record({
  firstName: text(100),
  lastName: text(100),
  emails: fc.array(fc.emailAddress(), { maxLength: 4 }).map((list) => list.map((e) => e.toLowerCase())),
  phones: fc.array(
    fc.record({
      value: fc.stringMatching(/^\+[1-9]\d{6,14}$/),
      type: fc.constantFrom('work', 'mobile', 'fax', 'home', 'other'),
    }),
    { maxLength: 3 },
  ),
  company: text(200),
  title: text(200),
  website: fc.oneof(fc.constant(''), fc.webUrl()),
  notes: text(400),
}) as fc.Arbitrary<ContactInput>;

describe('provider mappings for any contact', () => {
  it.each(Object.values(PROVIDERS).map((p) => [p.id, p as unknown as Provider] as const))(
    '%s: values fit its schema and build a request',
    (_, provider) => {
      fc.assert(
        fc.property(contact, (input) => {
          const parsed = ContactInputSchema.safeParse(input);
          fc.pre(parsed.success);
          const person = parsed.data as ContactInput;
          const values = provider.fromContact(person, externalIdFor(person));
          const checked = provider.schema.safeParse(values);
          // A contact the form accepts maps to values the provider accepts, unless the provider needs what the
          // person lacks (a name or an email): then the form shows that provider's message.
          if (!checked.success) {
            expect(
              checked.error.issues.every((issue) => typeof issue.message === 'string' && issue.message !== ''),
            ).toBe(true);
            return;
          }
          const request = provider.create(checked.data, {
            baseUrl: provider.defaultBaseUrl,
            credentials: { apiKey: 'k', clientId: 'c', clientSecret: 's', accessToken: 't' },
          });
          expect(request.url.startsWith(provider.defaultBaseUrl)).toBe(true);
          if (request.body !== undefined) expect(() => JSON.parse(request.body as string)).not.toThrow();
        }),
        { numRuns: 200 },
      );
    },
  );
});

describe('selectAll', () => {
  // A random tree of elements, each with some of the attributes and classes the page side looks for.
  const marks = fc.subarray(['itemscope', 'typeof="Person"', 'role="banner"', 'class="vcard"', 'class="h-card vcard"']);
  const tags = fc.constantFrom('div', 'section', 'footer', 'nav', 'p');
  const element = (tag: string, on: string[], kids: string[]) => `<${tag} ${on.join(' ')}>${kids.join('')}</${tag}>`;
  const tree = fc.letrec<{ node: string }>((tie) => ({
    node: fc.oneof(
      { maxDepth: 4, depthIdentifier: 'tree' },
      fc.tuple(tags, marks).map(([tag, on]) => element(tag, on, [])),
      fc.tuple(tags, marks, fc.array(tie('node'), { maxLength: 3 })).map(([tag, on, kids]) => element(tag, on, kids)),
    ),
  })).node;
  const LIST = '[itemscope],[typeof],.vcard,.h-card,footer,nav,[role="banner"]';

  it('returns what querySelectorAll of the whole list returns, in document order, or a true prefix of it', () => {
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 5 }), fc.integer({ min: 1, max: 12 }), (parts, max) => {
        const page = parsePage(`<body>${parts.join('')}</body>`, 'https://example.com/');
        closers.push(page.close);
        const all = [...page.document.body.querySelectorAll(LIST)];
        expect(selectAll(page.document.body, LIST, 1000)).toEqual(all);
        const cut = selectAll(page.document.body, LIST, max);
        expect(cut).toEqual(all.slice(0, cut.length));
        expect(cut.length).toBeLessThanOrEqual(max);
        // Cut at max, it still returns everything when no part alone has more than max.
        if (all.length <= max) expect(cut).toEqual(all);
      }),
      { numRuns: 200 },
    );
  });
});
