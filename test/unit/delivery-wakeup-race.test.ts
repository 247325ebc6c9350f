import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { setAccount } from '@/lib/accounts';
import { queueSends } from '@/lib/background/delivery';
import { getProvider } from '@/lib/providers';

// The stall seen once in a fault run (sends overdue, no request for 20 s after the last worker stop): a drain that
// ended read the outbox, found nothing due, and cleared the alarm after a bulk send that came meanwhile had stored
// its sends and armed it. The wake-up now follows each write of the outbox, in the outbox's own turn: armed before
// a write that leaves anything to send, cleared only after a write that leaves nothing.
describe('the outbox wake-up, with sends arriving while drains end', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.restoreAllMocks();
  });

  const contact = (i: number) => ({
    firstName: `Wake${i}`,
    lastName: 'Lead',
    company: 'Acme',
    title: '',
    emails: [`wake${i}@acme.example`],
    phones: [],
    website: '',
    notes: '',
    capturedAt: '',
  });

  it('is never missing while the stored outbox holds a send (30 sends, each arriving as a drain ends)', async () => {
    await setAccount('openphone', { baseUrl: 'https://api.openphone.com', apiKey: 'op_test_key_1234' });
    const openphone = getProvider('openphone');
    if (!openphone) throw new Error('no openphone provider');
    const violations: string[] = [];
    const pendingStored = async () => {
      const { outbox } = await fakeBrowser.storage.local.get('outbox');
      return ((outbox as Array<{ state: string }>) ?? []).filter((i) => i.state !== 'failed' && i.state !== 'may-exist')
        .length;
    };
    // Whatever a worker stop would freeze: after each write and each clear, a waiting send needs an alarm.
    const check = async (what: string) => {
      const pending = await pendingStored();
      if (pending > 0 && !(await fakeBrowser.alarms.get('outbox'))) violations.push(`${what}: ${pending} waiting`);
    };
    const set = fakeBrowser.storage.local.set.bind(fakeBrowser.storage.local);
    vi.spyOn(fakeBrowser.storage.local, 'set').mockImplementation(async (items) => {
      await set(items);
      if ('outbox' in items) await check('after an outbox write');
    });
    const clear = fakeBrowser.alarms.clear.bind(fakeBrowser.alarms);
    let raced = 0;
    vi.spyOn(fakeBrowser.alarms, 'clear').mockImplementation(async (name) => {
      // The tightest case, made on purpose a few times: a send arrives just before a clear goes through, and the
      // clear waits (50 ms at most) for it to be stored, as a slow browser call would.
      if (raced < 5 && created < 30) {
        raced++;
        sendOne(100 + raced);
        for (let t = 0; t < 10 && (await pendingStored()) === 0; t++) await new Promise((r) => setTimeout(r, 5));
      }
      const done = await clear(name);
      await check('after the alarm was cleared');
      return done;
    });
    let created = 0;
    let roll = 7;
    const random = () => {
      roll = (roll * 1103515245 + 12345) % 2 ** 31;
      return roll / 2 ** 31;
    };
    const sends: Array<Promise<unknown>> = [];
    const sendOne = (i: number) => {
      const c = contact(i);
      sends.push(
        queueSends('openphone', [
          { action: 'create', remoteId: null, contact: c, values: openphone.fromContact(c as never, `ext-${i}`) },
        ]).catch(() => undefined),
      );
    };
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      if (init.method !== 'POST') return new Response(JSON.stringify({ data: [] }), { status: 200 });
      created++;
      // The next send arrives as this drain ends: before, just after, or well after its last write.
      if (created < 30) setTimeout(() => sendOne(created), Math.floor(random() * 4));
      return new Response(JSON.stringify({ data: { id: `c${created}` } }), { status: 201 });
    });
    sendOne(0);
    await vi.waitFor(
      async () => {
        expect(created).toBeGreaterThanOrEqual(30);
        await Promise.all(sends);
        expect(await pendingStored()).toBe(0);
      },
      { timeout: 15_000 },
    );
    expect(violations).toEqual([]);
    expect(await fakeBrowser.alarms.get('outbox')).toBeUndefined();
  }, 20_000);
});
