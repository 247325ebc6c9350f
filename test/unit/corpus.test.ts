import { describe, expect, it } from 'vitest';
import { CaptureResultSchema } from '@/lib/capture-result';
import { type ExpectedPage, scoreCorpus, scorePage, totals } from '../../scripts/common/corpus';

// The targets, measured by the same scorer as `npm run score` on every page in test/fixtures/pages.
describe('extraction on the fixture corpus', async () => {
  const scores = await scoreCorpus();
  const sum = totals(scores);

  it('covers the corpus', () => {
    expect(scores.length).toBeGreaterThanOrEqual(40);
  });

  it.each([
    ['emails', 0.97],
    ['phones', 0.95],
    ['names', 0.9],
    ['pairing', 0.9],
  ] as const)('%s F1 is at least %s', (field, target) => {
    expect(sum[field].f1).toBeGreaterThanOrEqual(target);
  });

  it('puts no non-contacts in the output', () => {
    expect(scores.flatMap((s) => s.nonContacts.map((n) => `${s.page}: ${n}`))).toEqual([]);
  });
});

describe('the scorer', () => {
  const page = (title: string | null): ExpectedPage => ({
    url: 'http://example.com/',
    kind: 'conformance',
    country: 'US',
    people: [{ name: null, emails: [], phones: [], company: null, title }],
  });
  const result = (title: string) =>
    CaptureResultSchema.parse({
      url: 'http://example.com/',
      region: 'US',
      candidates: [
        {
          name: null,
          emails: [],
          phones: [],
          company: null,
          title,
          links: [],
          sources: ['microformat'],
          confidence: 0.5,
        },
      ],
    });

  it('matches a card that states only a role by that role, and counts a different one as wrong', () => {
    const right = scorePage(
      'resume',
      result('Director of the World Wide Web Foundation'),
      page('Director of the World Wide Web Foundation'),
    );
    expect(right.tallies.title).toEqual({ tp: 1, fp: 0, fn: 0 });
    const wrong = scorePage('resume', result('Professor'), page('Director of the World Wide Web Foundation'));
    expect(wrong.tallies.title).toEqual({ tp: 0, fp: 0, fn: 1 });
  });
});
