import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { type ContactInput, emptyContactInput } from '../../lib/contact';
import type { DeliveryDeps } from '../../lib/delivery/attempt';
import { drain } from '../../lib/delivery/drain';
import { enqueue, loadOutbox, nextDue, resolveByUser } from '../../lib/delivery/outbox';
import { RateLimiter } from '../../lib/delivery/rate-limit';
import { listHistory, recordSend } from '../../lib/history';
import { TokenCache } from '../../lib/providers/client';
import { externalIdFor } from '../../lib/providers/external-id';
import { getProvider } from '../../lib/providers/index';
import type { Credentials, Provider } from '../../lib/providers/types';
import { MOCK_KEYS, type MockProviders, type ProviderName, startMockProviders } from '../mock-providers/server';

let mock: MockProviders;
const CREDENTIALS: Record<ProviderName, Credentials> = {
  openphone: { apiKey: MOCK_KEYS.openphone },
  vixiees: { apiKey: MOCK_KEYS.vixiees },
  cleartalk: { apiKey: MOCK_KEYS.cleartalk },
  routera: MOCK_KEYS.routera,
};

function deps(over: Partial<DeliveryDeps> = {}): DeliveryDeps {
  return {
    transport: { fetch: (url, init) => fetch(url, init), timeoutMs: 800 },
    tokens: new TokenCache(),
    limiter: new RateLimiter(),
    account: async (id) => ({
      baseUrl: mock.baseUrl(id as ProviderName),
      credentials: CREDENTIALS[id as ProviderName],
    }),
    saveLocally: async () => crypto.randomUUID(),
    record: recordSend,
    now: Date.now,
    random: Math.random,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    ...over,
  };
}

function person(i: number): ContactInput {
  return {
    ...emptyContactInput(),
    firstName: `Person${i}`,
    lastName: 'Tester',
    emails: [`person${i}.tester@acme-${i % 7}.com`],
    phones: [{ value: `+1415555${String(1000 + i).padStart(4, '0')}`, type: 'work' }],
    company: 'Acme',
  };
}

async function send(providerId: ProviderName, contacts: ContactInput[]): Promise<void> {
  const provider = getProvider(providerId) as Provider;
  await enqueue(
    contacts.map((c) => {
      const externalId = externalIdFor(c);
      return {
        id: crypto.randomUUID(),
        providerId,
        action: 'create' as const,
        remoteId: null,
        externalId,
        values: provider.schema.parse(provider.fromContact(c, externalId)) as Record<string, unknown>,
        person: { name: `${c.firstName} ${c.lastName}`, emails: c.emails, phones: c.phones.map((p) => p.value) },
      };
    }),
    Date.now(),
  );
}

/** Drains until nothing is due; a "may already exist" is decided as a user would: look in the provider first. */
async function deliverAll(d: DeliveryDeps, deadline = 90_000): Promise<{ heldForUser: number }> {
  const started = Date.now();
  let heldForUser = 0;
  for (;;) {
    await drain(d);
    const items = await loadOutbox();
    for (const item of items.filter((i) => i.state === 'may-exist')) {
      heldForUser++;
      const there = mock
        .records(item.providerId as ProviderName)
        .some((r) => JSON.stringify(r).includes(item.person.emails[0] ?? '§'));
      await resolveByUser(item.id, there ? 'discard' : 'retry', Date.now());
    }
    const due = nextDue(await loadOutbox());
    if (due === null) return { heldForUser };
    if (Date.now() - started > deadline) throw new Error('outbox did not empty in time');
    await new Promise((r) => setTimeout(r, Math.max(10, Math.min(500, due - Date.now()))));
  }
}

const keyOf = (provider: ProviderName, record: Record<string, unknown>): string =>
  provider === 'openphone'
    ? String(record.externalId)
    : provider === 'vixiees'
      ? String(record.external_reference_id)
      : provider === 'routera'
        ? String(record.external_id)
        : String(record.email);

beforeAll(async () => {
  mock = await startMockProviders({ rateLimits: false });
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => {
  fakeBrowser.reset();
  mock.reset();
});

describe('delivery through faults', () => {
  it('delivers 200 captures exactly once with a third of the answers faulted', async () => {
    const plan: Array<[ProviderName, number]> = [
      ['openphone', 60],
      ['vixiees', 30],
      ['cleartalk', 50],
      ['routera', 60],
    ];
    let n = 0;
    const sent = new Map<ProviderName, string[]>();
    for (const [provider, count] of plan) {
      const contacts = Array.from({ length: count }, () => person(n++));
      sent.set(
        provider,
        contacts.map((c) => (provider === 'cleartalk' ? (c.emails[0] as string) : externalIdFor(c))),
      );
      await send(provider, contacts);
    }
    // Slow answers (1 s) outlast the 600 ms timeout: the write lands after the client gave up, before the lookup.
    mock.faults.randomly(0.33, ['429', '500', '503', 'drop-before', 'drop-after', 'slow'], 42, 1000);
    const { heldForUser } = await deliverAll(
      deps({
        limitsFor: () => [],
        backoff: (attempt, after) => Math.max(after ?? 0, 20 * 2 ** attempt),
        transport: { fetch: (u, i) => fetch(u, i), timeoutMs: 600 },
      }),
    );
    const injected = [...mock.faults.injected.entries()].map(([k, v]) => `${v}×${k}`).join(', ');
    const faulted = [...mock.faults.injected.values()].reduce((a, b) => a + b, 0);
    mock.faults.clear();

    let delivered = 0;
    let duplicates = 0;
    let lost = 0;
    for (const [provider, keys] of sent) {
      const counts = new Map<string, number>();
      for (const record of mock.records(provider))
        counts.set(keyOf(provider, record), (counts.get(keyOf(provider, record)) ?? 0) + 1);
      for (const key of keys) {
        const count = counts.get(key) ?? 0;
        if (count === 0) lost++;
        else delivered++;
        if (count > 1) duplicates += count - 1;
      }
    }
    console.log(
      `tally: sent ${n}, delivered ${delivered}, duplicates ${duplicates}, lost ${lost}; ${mock.log.length} requests, ${faulted} faulted (${injected}); ${heldForUser} "may already exist" decided by the user`,
    );
    expect({ delivered, duplicates, lost }).toEqual({ delivered: 200, duplicates: 0, lost: 0 });
    expect(await loadOutbox()).toEqual([]);
    // One history line per send: delivered, or "may already exist" that the user confirmed was there.
    const history = await listHistory();
    expect(history).toHaveLength(200);
    expect(history.filter((h) => h.outcome === 'unknown')).toHaveLength(
      history.length - history.filter((h) => h.outcome === 'delivered').length,
    );
  }, 120_000);
});

describe('pacing', () => {
  it('sends 50 contacts to OpenPhone within its 10/s limit: no 429', async () => {
    await mock.close();
    mock = await startMockProviders({ rateLimits: true });
    await send(
      'openphone',
      Array.from({ length: 50 }, (_, i) => person(1000 + i)),
    );
    const started = Date.now();
    await deliverAll(deps());
    const seconds = (Date.now() - started) / 1000;
    const limited = mock.log.filter((l) => l.status === 429).length;
    console.log(`bulk: 50 contacts to OpenPhone in ${seconds.toFixed(1)} s, ${limited} × 429`);
    expect(limited).toBe(0);
    expect(mock.records('openphone')).toHaveLength(50);
    await mock.close();
    mock = await startMockProviders({ rateLimits: false });
  }, 60_000);
});

describe('restarts', () => {
  it('a create that was in flight when the worker stopped is looked up before it is sent again', async () => {
    const contact = person(5000);
    await send('openphone', [contact]);
    // The first attempt reached the server, then the worker died before the answer was stored.
    mock.faults.add({ kind: 'drop-after', provider: 'openphone', method: 'POST', count: 1 });
    await drain(deps());
    const { recoverInFlight, changeOutbox } = await import('../../lib/delivery/outbox');
    await changeOutbox((items) => {
      for (const item of items) item.state = 'in-flight';
      recoverInFlight(items, Date.now(), 0);
    });
    await deliverAll(deps());
    expect(mock.records('openphone')).toHaveLength(1);
    expect(mock.log.filter((l) => l.method === 'GET').length).toBeGreaterThanOrEqual(1);
    expect((await listHistory())[0]).toMatchObject({ outcome: 'delivered', error: 'found after a lost answer' });
  });

  // Issue 14, 2: a 429 or 5xx to a create can follow a copy the browser resent after a dropped connection, whose
  // first copy landed; where the provider can be asked, the create is looked up before it is sent again.
  it('a create answered 500 after the server committed it is looked up, not sent twice', async () => {
    const contact = person(5200);
    await send('openphone', [contact]);
    mock.faults.add({ kind: 'commit-500', provider: 'openphone', method: 'POST', count: 1 });
    await deliverAll(deps());
    expect(mock.records('openphone').filter((r) => JSON.stringify(r).includes('5200'))).toHaveLength(1);
    expect((await listHistory())[0]).toMatchObject({ outcome: 'delivered', error: 'found after a lost answer' });
  });

  // Issue 14, 6: OpenPhone addresses an existing e-mail or phone by its id; an item without one is a new item.
  it('an OpenPhone update of a contact with two e-mails leaves two e-mails', async () => {
    const contact = { ...person(5300), emails: ['first.5300@acme.com', 'second.5300@acme.com'] };
    await send('openphone', [contact]);
    await deliverAll(deps());
    const created = mock.records('openphone').find((r) => JSON.stringify(r).includes('first.5300')) as {
      id: string;
    };
    const provider = getProvider('openphone') as Provider;
    const externalId = externalIdFor(contact);
    const edited = { ...contact, company: 'Acme Widgets' };
    await enqueue(
      [
        {
          id: crypto.randomUUID(),
          providerId: 'openphone',
          action: 'update' as const,
          remoteId: created.id,
          externalId: null,
          values: provider.schema.parse(provider.fromContact(edited, externalId)) as Record<string, unknown>,
          person: { name: 'Person5300 Tester', emails: edited.emails, phones: [] },
        },
      ],
      Date.now(),
    );
    await deliverAll(deps());
    const after = mock.records('openphone').find((r) => (r as { id: string }).id === created.id) as {
      defaultFields: { company: string; emails: unknown[]; phoneNumbers: unknown[] };
    };
    expect(after.defaultFields.company).toBe('Acme Widgets');
    expect(after.defaultFields.emails).toHaveLength(2);
    expect(after.defaultFields.phoneNumbers).toHaveLength(1);
  });

  // Issue 14, 5: only the request actually sent is uncertain after a stop; the ones never sent are not looked up.
  it('sends that never left before the worker stopped are queued again, not looked up', async () => {
    await send('openphone', [person(5100), person(5101), person(5102)]);
    const { recoverInFlight, changeOutbox, loadOutbox } = await import('../../lib/delivery/outbox');
    await changeOutbox((items) => {
      for (const item of items) item.state = 'in-flight';
      recoverInFlight(items, Date.now(), 15_000);
    });
    expect((await loadOutbox()).map((i) => i.state)).toEqual(['queued', 'queued', 'queued']);
    const lookupsBefore = mock.log.filter((l) => l.method === 'GET').length;
    await deliverAll(deps());
    expect(mock.log.filter((l) => l.method === 'GET').length).toBe(lookupsBefore);
    expect(mock.records('openphone').filter((r) => /510[012]/.test(JSON.stringify(r)))).toHaveLength(3);
  });
});

// Issue 16, 2: a failure carries its kind from the provider's answer to the popup, which offers the next step by
// the kind (never by the words of the message).
describe('failures and their next step', () => {
  it('a refused key offers Settings; a create the provider refuses for its content does not', async () => {
    const { readOutcomes } = await import('../../lib/delivery/outcomes');
    await send('openphone', [person(5500)]);
    await drain(
      deps({
        account: async () => ({ baseUrl: mock.baseUrl('openphone'), credentials: { apiKey: 'wrong-key-5500' } }),
      }),
    );
    const [refused] = await loadOutbox();
    expect(refused).toMatchObject({ state: 'failed', errorKind: 'auth' });
    expect((await readOutcomes([refused?.id ?? '']))[0]).toMatchObject({ state: 'failed', next: 'settings' });
    expect((await listHistory())[0]).toMatchObject({ outcome: 'failed', errorKind: 'auth' });

    // A stored send that no longer fits the provider's fields fails for its content: Settings cannot help.
    fakeBrowser.reset();
    await send('openphone', [person(5501)]);
    const { changeOutbox } = await import('../../lib/delivery/outbox');
    await changeOutbox((items) => {
      for (const item of items) item.values = { firstName: 5501 };
    });
    await drain(deps());
    const [invalid] = await loadOutbox();
    expect(invalid).toMatchObject({ state: 'failed', errorKind: null });
    expect((await readOutcomes([invalid?.id ?? '']))[0]).toMatchObject({ state: 'failed', next: null });
  });

  it('no account: the send fails as not connected and offers Settings', async () => {
    const { readOutcomes } = await import('../../lib/delivery/outcomes');
    await send('openphone', [person(5502)]);
    await drain(deps({ account: async () => null }));
    const [item] = await loadOutbox();
    expect(item).toMatchObject({ state: 'failed', errorKind: 'not-connected' });
    expect((await readOutcomes([item?.id ?? '']))[0]?.next).toBe('settings');
  });
});

describe('which rows of a list are already there', () => {
  it('knows rows by our history, the rest by one OpenPhone lookup of their external ids, and none it never made', async () => {
    const { setAccount } = await import('../../lib/accounts');
    const { checkExistingMany } = await import('../../lib/background/provider-reads');
    await setAccount('openphone', { baseUrl: mock.baseUrl('openphone'), apiKey: MOCK_KEYS.openphone });
    const [inHistory, onlyThere, never] = [person(7001), person(7002), person(7003)];
    await send('openphone', [onlyThere]);
    await deliverAll(deps());
    // Made by us on another machine (or before a reinstall): in OpenPhone, not in this browser's history.
    await fakeBrowser.storage.local.remove('history');
    await send('openphone', [inHistory]);
    await deliverAll(deps());
    const lookupsBefore = mock.log.filter((l) => l.method === 'GET' && l.path === '/v1/contacts').length;
    const rows = await checkExistingMany('openphone', [inHistory, onlyThere, never]);
    expect(rows.map((r) => r?.via ?? null)).toEqual(['history', 'lookup', null]);
    const onlyThereRecord = mock.records('openphone').find((r) => r.externalId === externalIdFor(onlyThere));
    expect(rows[1]?.remoteId).toBe(onlyThereRecord?.id);
    expect(mock.log.filter((l) => l.method === 'GET' && l.path === '/v1/contacts').length - lookupsBefore).toBe(1);
    // A provider that cannot ask for several at once answers from the history alone, without a request.
    expect((await checkExistingMany('cleartalk', [inHistory])).map((r) => r?.via ?? null)).toEqual([null]);
  });
});
