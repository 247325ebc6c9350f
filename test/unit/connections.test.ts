import { describe, expect, it } from 'vitest';
import { freshConnectionRules } from '@/lib/background/connections';

// Issue 14, 2: a reused keep-alive connection closed before any answer byte makes the browser resend a POST by
// itself. The session rules put `Connection: close` on the worker's own requests to each connected base URL.
describe('the fresh-connection rules', () => {
  it('cover each connected origin once, anchored at its start, for requests from no tab only', () => {
    const rules = freshConnectionRules([
      'https://api.openphone.com',
      'https://api.openphone.com/v1',
      'http://127.0.0.1:4100/routera',
      'not a url',
      'javascript:alert(1)',
    ]);
    expect(rules.map((r) => r.condition.urlFilter)).toEqual(['|http://127.0.0.1:4100/', '|https://api.openphone.com/']);
    expect(rules.map((r) => r.id)).toEqual([1, 2]);
    for (const rule of rules) {
      expect(rule.condition.tabIds).toEqual([-1]);
      expect(rule.action.requestHeaders).toEqual([{ header: 'connection', operation: 'set', value: 'close' }]);
    }
  });

  it('are none when nothing is connected', () => {
    expect(freshConnectionRules([])).toEqual([]);
  });
});
