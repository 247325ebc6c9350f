import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setAccount } from '@/lib/accounts';
import { testConnection } from '@/lib/background/provider-reads';
import { RateLimiter } from '@/lib/delivery/rate-limit';

// Issue 14, 3: every request to a provider passes one limiter, and its windows survive a worker restart.
describe('pacing across a worker restart', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('takes back the windows a previous worker counted', () => {
    const now = 1_000_000;
    const before = new RateLimiter();
    for (let i = 0; i < 10; i++) before.note('openphone', now - 500 + i);
    const after = new RateLimiter();
    after.restore(before.snapshot(now), now);
    expect(after.wait('openphone', [{ max: 10, perMs: 1000 }], now)).toBeGreaterThan(0);
    // Nothing a stored value could smuggle in counts: not a string, not a future time, not another shape.
    const odd = new RateLimiter();
    odd.restore({ openphone: ['x', now + 60_000, null], __proto__: [now] }, now);
    expect(odd.wait('openphone', [{ max: 1, perMs: 1000 }], now)).toBe(0);
  });

  it('keeps Test connection inside OpenPhone’s 10 a second, and stores the windows for the next worker', async () => {
    const arrivals: number[] = [];
    vi.stubGlobal('fetch', async () => {
      arrivals.push(Date.now());
      return new Response(JSON.stringify({ data: [] }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      });
    });
    await setAccount('openphone', { baseUrl: 'https://api.openphone.com', apiKey: 'op_test_key_1234' });
    for (let i = 0; i < 12; i++) await testConnection('openphone');
    expect(arrivals).toHaveLength(12);
    // A strict server counts arrivals: no 11 of them may fall inside one second.
    expect((arrivals[10] as number) - (arrivals[0] as number)).toBeGreaterThanOrEqual(1000);
    // What the next worker restores: every request counted, in session storage (which outlives the worker).
    const stored = (await fakeBrowser.storage.session.get('rateWindows')).rateWindows as Record<string, number[]>;
    expect(stored.openphone).toHaveLength(12);
  }, 20_000);
});
