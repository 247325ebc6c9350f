import { describe, expect, it } from 'vitest';
import { scoreCorpus, totals } from '../../scripts/common/corpus';

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
