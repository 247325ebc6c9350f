import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContactInput, emptyContactInput } from '../../lib/contact';
import { externalIdFor } from '../../lib/providers/external-id';
import { getProvider } from '../../lib/providers/index';
import type { Provider } from '../../lib/providers/types';
import { MOCK_KEYS, type MockProviders, type ProviderName, startMockProviders } from '../mock-providers/server';
import { launchWithExtension } from '../support/chromium';

// The extension pages' own API, as the test calls it inside them.
declare const chrome: {
  runtime: { sendMessage: (message: unknown) => Promise<unknown> };
  storage: { local: { get: (key: string | string[]) => Promise<Record<string, unknown>> } };
};

let context: BrowserContext;
let extensionId: string;
let mock: MockProviders;
let ext: Page;

const PROVIDERS: ProviderName[] = ['openphone', 'vixiees', 'cleartalk', 'routera'];

function person(i: number): ContactInput {
  return {
    ...emptyContactInput(),
    firstName: `Lead${i}`,
    lastName: 'Browser',
    emails: [`lead${i}.browser@prospect-${i % 5}.com`],
    phones: [{ value: `+1415555${String(2000 + i)}`, type: 'work' }],
    company: 'Prospect Inc',
  };
}

/** What the popup sends for a contact: the provider's values, from the same definitions. */
function sendOf(providerId: ProviderName, contact: ContactInput) {
  const provider = getProvider(providerId) as Provider;
  return { action: 'create', remoteId: null, contact, values: provider.fromContact(contact, externalIdFor(contact)) };
}

/** A message from an extension page, as the popup and options page send them. */
function message<T>(payload: unknown): Promise<{ ok: boolean; value: T; error?: string }> {
  return ext.evaluate((m) => chrome.runtime.sendMessage(m), payload) as Promise<{
    ok: boolean;
    value: T;
    error?: string;
  }>;
}

async function outbox(): Promise<
  Array<{ id: string; state: string; providerId: string; person: { emails: string[] } }>
> {
  return ext.evaluate(async () => ((await chrome.storage.local.get('outbox')).outbox as never[]) ?? []);
}

async function stopWorker(): Promise<void> {
  const cdp = await context.newCDPSession(ext);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

const keyOf = (provider: ProviderName, r: Record<string, unknown>) =>
  String(
    provider === 'openphone'
      ? r.externalId
      : provider === 'vixiees'
        ? r.external_reference_id
        : provider === 'routera'
          ? r.external_id
          : r.email,
  );

function tally(sent: Map<ProviderName, string[]>) {
  let delivered = 0;
  let duplicates = 0;
  let lost = 0;
  for (const [provider, keys] of sent) {
    const counts = new Map<string, number>();
    for (const r of mock.records(provider)) counts.set(keyOf(provider, r), (counts.get(keyOf(provider, r)) ?? 0) + 1);
    for (const key of keys) {
      const count = counts.get(key) ?? 0;
      if (count === 0) lost++;
      else delivered++;
      if (count > 1) duplicates += count - 1;
    }
  }
  return { delivered, duplicates, lost };
}

/** Waits for the outbox to empty, deciding "may already exist" as the user would after looking in the provider. */
async function settle(deadlineMs: number): Promise<number> {
  const started = Date.now();
  let decided = 0;
  for (;;) {
    const items = await outbox();
    for (const item of items.filter((i) => i.state === 'may-exist')) {
      const there = mock
        .records(item.providerId as ProviderName)
        .some((r) => JSON.stringify(r).includes(item.person.emails[0] ?? '§'));
      await message({ type: 'outbox.resolve', id: item.id, choice: there ? 'discard' : 'retry' });
      decided++;
    }
    if (items.length === 0) return decided;
    if (Date.now() - started > deadlineMs)
      throw new Error(`outbox still holds ${items.length} sends: ${JSON.stringify(items.slice(0, 3))}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

beforeAll(async () => {
  mock = await startMockProviders({ rateLimits: false });
  ({ context, extensionId } = await launchWithExtension());
  ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/options.html`);
  for (const providerId of PROVIDERS) {
    const secret =
      providerId === 'routera'
        ? { clientId: MOCK_KEYS.routera.clientId, clientSecret: MOCK_KEYS.routera.clientSecret }
        : { apiKey: MOCK_KEYS[providerId] };
    const reply = await message({
      type: 'accounts.set',
      providerId,
      account: { baseUrl: mock.baseUrl(providerId), ...secret },
    });
    expect(reply.ok).toBe(true);
  }
});

afterAll(async () => {
  await context?.close();
  await mock?.close();
});

describe('delivery from the real background worker (Chromium)', () => {
  it('delivers 200 sends exactly once through faults, a stopped worker and a provider that goes away', async () => {
    mock.faults.randomly(0.33, ['429', '500', '503', 'drop-before', 'drop-after', 'slow'], 7);
    const sent = new Map<ProviderName, string[]>();
    let n = 0;
    // Vixiees allows 25 a minute: it gets fewer sends, so the test measures faults rather than waiting.
    const plan: Array<[ProviderName, number]> = [
      ['openphone', 35],
      ['cleartalk', 30],
      ['routera', 30],
      ['vixiees', 20],
      ['openphone', 35],
      ['cleartalk', 25],
      ['routera', 25],
    ];
    for (const [round, [providerId, count]] of plan.entries()) {
      const contacts = Array.from({ length: count }, () => person(n++));
      sent.set(providerId, [
        ...(sent.get(providerId) ?? []),
        ...contacts.map((c) => (providerId === 'cleartalk' ? (c.emails[0] as string) : externalIdFor(c))),
      ]);
      // A reply lost with a stopped worker is fine: the sends were stored before any attempt.
      const reply = message({
        type: 'outbox.send',
        providerId,
        sends: contacts.map((c) => sendOf(providerId, c)),
      }).catch(() => null);
      if (round === 2) {
        // The worker is stopped with sends in flight; the next message (or its alarm) starts it again.
        await new Promise((r) => setTimeout(r, 300));
        await stopWorker();
      } else {
        await reply;
      }
      if (round === 4) {
        await mock.down();
        await new Promise((r) => setTimeout(r, 2500));
        await mock.up();
      }
    }
    await message({ type: 'accounts.list' });
    const decided = await settle(180_000);
    const injected = [...mock.faults.injected.entries()].map(([k, v]) => `${v}×${k}`).join(', ');
    mock.faults.clear();
    const result = tally(sent);
    console.log(
      `tally: sent ${n}, delivered ${result.delivered}, duplicates ${result.duplicates}, lost ${result.lost}; ${mock.log.length} requests, faults ${injected}; ${decided} "may already exist" decided by the user`,
    );
    expect(result).toEqual({ delivered: 200, duplicates: 0, lost: 0 });
  }, 240_000);

  it('delivers a send that was in flight when the worker was stopped, once', async () => {
    mock.reset();
    for (const providerId of PROVIDERS) {
      const secret = providerId === 'routera' ? MOCK_KEYS.routera : { apiKey: MOCK_KEYS[providerId] };
      await message({ type: 'accounts.set', providerId, account: { baseUrl: mock.baseUrl(providerId), ...secret } });
    }
    const contact = person(900);
    mock.faults.add({ kind: 'slow', provider: 'openphone', method: 'POST', count: 1, delayMs: 1500 });
    const pending = message({
      type: 'outbox.send',
      providerId: 'openphone',
      sends: [sendOf('openphone', contact)],
    }).catch(() => null);
    await new Promise((r) => setTimeout(r, 400));
    await stopWorker();
    await pending;
    await message({ type: 'accounts.list' });
    await settle(90_000);
    expect(mock.records('openphone').filter((r) => r.externalId === externalIdFor(contact))).toHaveLength(1);
  }, 120_000);

  it('shows a refused send on the options page, and delivers it when retried after the key is fixed', async () => {
    mock.reset();
    const contact = person(950);
    await message({
      type: 'accounts.set',
      providerId: 'openphone',
      account: { baseUrl: mock.baseUrl('openphone'), apiKey: 'op_live_wrong_key_0000' },
    });
    const reply = await message<Array<{ state: string; error: string | null }>>({
      type: 'outbox.send',
      providerId: 'openphone',
      sends: [sendOf('openphone', contact)],
    });
    expect(reply.value[0]).toMatchObject({ state: 'failed', error: expect.stringMatching(/API key was refused/) });

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const row = options.getByRole('row', { name: /Lead950 Browser/ }).filter({ hasText: 'Failed' });
    await row.waitFor();
    expect(await row.textContent()).toContain('OpenPhone');
    await message({
      type: 'accounts.set',
      providerId: 'openphone',
      account: { baseUrl: mock.baseUrl('openphone'), apiKey: MOCK_KEYS.openphone },
    });
    await options.getByRole('button', { name: 'Retry Lead950 Browser' }).click();
    const delivered = options.getByRole('row', { name: /Lead950 Browser/ }).filter({ hasText: 'Delivered' });
    await delivered.waitFor({ timeout: 20_000 });
    expect(mock.records('openphone').filter((r) => r.externalId === externalIdFor(contact))).toHaveLength(1);
    expect(await options.getByRole('button', { name: 'Retry Lead950 Browser' }).count()).toBe(0);
    await options.close();
  }, 60_000);
});

// Issue 14: the fault run that found a stranded outbox, duplicate creates, 429s and lost bulk replies, made again
// here against the strict mock (documented rate limits on: OpenPhone's 10 a second counts every request that
// arrives, the browser's own resends included). 160 contacts in eight bulk sends as the popup makes them (an id per
// send), a third of the answers faulted (errors, drops before and after the answer, a commit whose connection closes
// before any byte, a commit after our timeout), the worker stopped right after bulk sends and inside drains, the mock
// down for 4 s. Three seeds in a row.
describe('the fault run, three seeds (Chromium, strict OpenPhone mock)', () => {
  let strict: MockProviders;
  const KINDS = ['429', '500', '503', 'drop-before', 'drop-after', 'slow', 'commit-500', 'commit-drop', 'late-commit'];

  beforeAll(async () => {
    strict = await startMockProviders();
  });
  afterAll(async () => {
    await strict?.close();
  });

  const stored = () =>
    ext.evaluate(async () => {
      const all = await chrome.storage.local.get(['outbox', 'history']);
      const items = (all.outbox as Array<{ id: string; state: string; nextAttemptAt: number }>) ?? [];
      return {
        outbox: items.map((i) => i.id),
        // Sends that are due but that no worker has picked up: what a stranded outbox looks like.
        overdue: items.filter(
          (i) => (i.state === 'queued' || i.state === 'unknown') && i.nextAttemptAt < Date.now() - 15_000,
        ).length,
        history: ((all.history as Array<{ id: string }>) ?? []).map((r) => r.id),
      };
    });

  for (const seed of [11, 23, 37]) {
    it(`seed ${seed}: every contact once, none left, no stall, no 429 from the limit`, async () => {
      strict.reset();
      let roll = seed;
      const random = () => {
        roll = (roll * 1103515245 + 12345) % 2 ** 31;
        return roll / 2 ** 31;
      };
      const reply = await message({
        type: 'accounts.set',
        providerId: 'openphone',
        account: { baseUrl: strict.baseUrl('openphone'), apiKey: MOCK_KEYS.openphone },
      });
      expect(reply.ok).toBe(true);
      // Slow answers take 1.5 s; late commits 7 s, after the test build's 5 s timeout.
      strict.faults.randomly(0.33, KINDS as never, seed, 1500, 7000);
      const sentKeys: string[] = [];
      let stops = 0;
      let resentAfterLoss = 0;
      for (let round = 0; round < 8; round++) {
        const contacts = Array.from({ length: 20 }, (_, j) => person(seed * 1000 + round * 20 + j));
        sentKeys.push(...contacts.map((c) => externalIdFor(c)));
        const sends = contacts.map((c) => ({ id: crypto.randomUUID(), ...sendOf('openphone', c) }));
        const pending = message({ type: 'outbox.send', providerId: 'openphone', sends }).catch(() => null);
        if (round % 2 === 0) {
          // Right after a bulk send, before (or just as) the worker stores it: the reply is lost.
          await new Promise((r) => setTimeout(r, Math.floor(random() * 150)));
          await stopWorker();
          stops++;
          await pending;
          // The popup reads what was stored; what was not is sent again with the same ids, and a user who clicks
          // "send" again sends all twenty again under new ids: neither may add a contact.
          const { outbox: o, history: h } = await stored();
          const known = new Set([...o, ...h]);
          const missing = sends.filter((s) => !known.has(s.id));
          if (missing.length > 0) {
            resentAfterLoss += missing.length;
            await message({ type: 'outbox.send', providerId: 'openphone', sends: missing });
          }
          await message({
            type: 'outbox.send',
            providerId: 'openphone',
            sends: sends.map((s) => ({ ...s, id: crypto.randomUUID() })),
          });
        } else {
          await pending;
          // Inside the drain that reply started.
          await new Promise((r) => setTimeout(r, 200 + Math.floor(random() * 1500)));
          await stopWorker();
          stops++;
        }
        if (round === 5) {
          await strict.down();
          await new Promise((r) => setTimeout(r, 4000));
          await strict.up();
        }
      }
      // One more stop inside the last drain; from here on nothing but the worker's own alarm wakes it.
      await new Promise((r) => setTimeout(r, 1000));
      await stopWorker();
      stops++;

      const started = Date.now();
      let stalls = 0;
      let requests = strict.log.length;
      let lastRequestAt = Date.now();
      for (;;) {
        const { outbox: o, overdue } = await stored();
        if (o.length === 0) break;
        if (strict.log.length !== requests) {
          requests = strict.log.length;
          lastRequestAt = Date.now();
        }
        // The test build's alarm comes within 5 s of a send falling due: sends overdue while nothing has reached
        // the provider for 20 s are a stranded outbox.
        if (overdue > 0 && Date.now() - lastRequestAt > 20_000) {
          stalls++;
          break;
        }
        // A send whose attempts met the mock's 4 s outage and faults in a row waits its backoff (250 ms doubling:
        // the 10th waits 64–128 s); seen once in seed 37 (left 1, due 19 s after the old 240 s bound).
        if (Date.now() - started > 420_000) break;
        await new Promise((r) => setTimeout(r, 500));
      }
      const left = (await stored()).outbox.length;
      if (left > 0)
        console.log(
          'left in the outbox:',
          JSON.stringify(
            await ext.evaluate(async () =>
              (((await chrome.storage.local.get('outbox')).outbox as Array<Record<string, unknown>>) ?? []).map(
                (i) => ({
                  state: i.state,
                  attempts: i.attempts,
                  lastError: i.lastError,
                  dueIn: Number(i.nextAttemptAt) - Date.now(),
                  sentAgo: i.sentAt === null ? null : Date.now() - Number(i.sentAt),
                }),
              ),
            ),
          ),
        );
      const injected = [...strict.faults.injected.entries()].map(([k, v]) => `${v}×${k}`).join(', ');
      strict.faults.clear();
      const counts = new Map<string, number>();
      for (const r of strict.records('openphone'))
        counts.set(String(r.externalId), (counts.get(String(r.externalId)) ?? 0) + 1);
      const delivered = sentKeys.filter((k) => (counts.get(k) ?? 0) > 0).length;
      const duplicates = sentKeys.reduce((n, k) => n + Math.max(0, (counts.get(k) ?? 0) - 1), 0);
      const limited = strict.log.filter((l) => l.status === 429 && !l.fault).length;
      const lookups = strict.log.filter((l) => l.method === 'GET').length;
      const reused = strict.log.filter((l) => l.connection !== 'close').length;
      console.log(
        `fault run seed ${seed}: delivered ${delivered}/${sentKeys.length}, duplicates ${duplicates}, left unsent ${left}, stalls ${stalls}, 429 from the limit ${limited}; ${strict.log.length} requests (${lookups} lookups, ${reused} without Connection: close), ${stops} worker stops, ${resentAfterLoss} sends re-asked after a lost reply, faults ${injected}; ${Math.round((Date.now() - started) / 1000)} s to settle`,
      );
      expect({ delivered, duplicates, left, stalls, limited, reused }).toEqual({
        delivered: 160,
        duplicates: 0,
        left: 0,
        stalls: 0,
        limited: 0,
        reused: 0,
      });
    }, 510_000);
  }
});
