import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { emptyContactInput } from '@/lib/contact';
import type { DeliveryDeps } from '@/lib/delivery/attempt';
import { drain } from '@/lib/delivery/drain';
import { changeOutbox, enqueue, loadOutbox } from '@/lib/delivery/outbox';
import { RateLimiter } from '@/lib/delivery/rate-limit';
import { recordSend } from '@/lib/history';
import { TokenCache } from '@/lib/providers/client';
import { externalIdFor } from '@/lib/providers/external-id';
import { getProvider } from '@/lib/providers/index';
import type { Provider } from '@/lib/providers/types';

// A create that may have landed waits on a lookup. Seen in a fault run: after the mock's outage and faults, one
// send had made 11 attempts and waited 64–128 s for its next lookup, and at 12 it would have given up unsent.
describe('a send waiting on a lookup', () => {
  beforeEach(() => fakeBrowser.reset());

  it('keeps looking, at a wait that stops growing, and never gives up by count', async () => {
    const now = 1_000_000;
    let lookups = 0;
    const deps: DeliveryDeps = {
      // Every lookup meets a server error.
      transport: {
        fetch: async () => {
          lookups++;
          return new Response(JSON.stringify({ message: 'boom' }), { status: 500 });
        },
        timeoutMs: 1000,
      },
      tokens: new TokenCache(),
      limiter: new RateLimiter(),
      account: async () => ({ baseUrl: 'https://api.openphone.com', credentials: { apiKey: 'op_test_key_1234' } }),
      saveLocally: async () => 'local-1',
      record: recordSend,
      now: () => now,
      random: () => 1,
      sleep: async () => undefined,
    };
    const provider = getProvider('openphone') as Provider;
    const contact = { ...emptyContactInput(), firstName: 'Jane', emails: ['jane@acme.example'] };
    const externalId = externalIdFor(contact);
    await enqueue(
      [
        {
          id: 'send-1',
          providerId: 'openphone',
          action: 'create',
          remoteId: null,
          externalId,
          values: provider.schema.parse(provider.fromContact(contact, externalId)) as Record<string, unknown>,
          person: { name: 'Jane', emails: contact.emails, phones: [] },
        },
      ],
      now,
    );
    await changeOutbox((items) => {
      for (const item of items) Object.assign(item, { state: 'unknown', attempts: 11, sentAt: now - 60_000 });
    });
    await drain(deps);
    const [item] = await loadOutbox();
    expect(lookups).toBe(1);
    expect(item).toMatchObject({ state: 'unknown', attempts: 12 });
    // The 6th wait at most (1 s doubling: 32 s), not the 12th (over 30 minutes, capped at 10).
    expect((item?.nextAttemptAt ?? 0) - now).toBeLessThanOrEqual(32_000);
  });
});
