import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setAccount } from '@/lib/accounts';
import { queueSends } from '@/lib/background/delivery';
import { getProvider } from '@/lib/providers';

// Issue 14, 1: a worker stopped during a drain that began with no alarm pending was never woken again. The
// outbox is never non-empty without a wake-up armed: the alarm is set before the first request leaves.
describe('the outbox wake-up', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('is armed while the first request of a drain is still in flight', async () => {
    let requests = 0;
    // The provider never answers: the drain stays in flight, as when the worker is stopped in the middle of it.
    vi.stubGlobal('fetch', () => {
      requests++;
      return new Promise(() => undefined);
    });
    await setAccount('openphone', { baseUrl: 'https://api.openphone.com', apiKey: 'op_test_key_1234' });
    const openphone = getProvider('openphone');
    if (!openphone) throw new Error('no openphone provider');
    const contact = {
      firstName: 'Jane',
      lastName: 'Doe',
      company: 'Acme',
      title: 'VP Sales',
      emails: ['jane@acme.com'],
      phones: [{ value: '+14155550132', type: 'work' }],
      website: '',
      notes: '',
    };
    void queueSends('openphone', [
      { action: 'create', remoteId: null, contact, values: openphone.fromContact(contact as never, 'ext-1') },
    ]).catch(() => undefined);
    await vi.waitFor(() => expect(requests).toBeGreaterThan(0), { timeout: 5000 });
    const alarm = await fakeBrowser.alarms.get('outbox');
    expect(alarm?.scheduledTime).toBeGreaterThan(Date.now());
    // And it repeats until the outbox is empty: one firing lost to a worker stopped as it starts is not the last.
    expect(alarm?.periodInMinutes).toBeGreaterThan(0);
  });
});
