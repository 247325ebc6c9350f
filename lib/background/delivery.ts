import { browser } from 'wxt/browser';
import { getAccount } from '../accounts';
import { saveContact } from '../address-book';
import { ContactInputSchema } from '../contact';
import {
  changeOutbox,
  type DeliveryDeps,
  drain,
  enqueue,
  loadOutbox,
  nextDue,
  recoverInFlight,
} from '../delivery/outbox';
import { RateLimiter } from '../delivery/rate-limit';
import { findExisting } from '../duplicates';
import { listHistory, recordSend } from '../history';
import type { CustomFieldDef, SendOutcome } from '../messages';
import { perform, probeConnection, TokenCache } from '../providers/client';
import { externalIdFor } from '../providers/external-id';
import { getProvider } from '../providers/index';
import { openPhoneCustomFields } from '../providers/openphone';

const ALARM = 'outbox';
const REPLY_WITHIN_MS = 8000;
/** How long a request may take. Test builds talk to a local mock whose slow answers take 3 s, so they wait less. */
const REQUEST_TIMEOUT_MS = import.meta.env.MODE === 'e2e' ? 5_000 : 15_000;

/** The background's half of delivery: real fetch, the accounts, the alarm that survives a stopped worker. */
const deps: DeliveryDeps = {
  transport: { fetch: (url, init) => fetch(url, init), timeoutMs: REQUEST_TIMEOUT_MS },
  tokens: new TokenCache(),
  limiter: new RateLimiter(),
  account: getAccount,
  saveLocally: async (values) => (await saveContact(ContactInputSchema.parse(values))).contact.id,
  record: recordSend,
  now: Date.now,
  random: Math.random,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

let running: Promise<void> | null = null;
let again = false;
let timer: ReturnType<typeof setTimeout> | undefined;

// The limiter's windows live in session storage: a worker MV3 stops and starts again keeps counting where the last
// one stopped (8 of 9 429s in a fault run came within 1.5 s of a restart that had forgotten them).
const LIMITER_KEY = 'rateWindows';
let restored: Promise<void> | null = null;

/** The windows a previous worker counted, read once per worker before its first request. */
function restoreLimiter(): Promise<void> {
  restored ??= (async () => {
    try {
      const stored = await browser.storage.session.get(LIMITER_KEY);
      deps.limiter.restore(stored[LIMITER_KEY], Date.now());
    } catch {
      // No session storage (an old browser): the windows start empty, as before.
    }
    deps.limiter.onNote = (snapshot) => {
      void browser.storage.session.set({ [LIMITER_KEY]: snapshot }).catch(() => undefined);
    };
  })();
  return restored;
}

/** A request outside the outbox (Test connection, the custom-field read) waits for the same windows. */
async function paced<T>(
  provider: { id: string; rateLimits: ReadonlyArray<{ max: number; perMs: number }> },
  send: () => Promise<T>,
): Promise<T> {
  await restoreLimiter();
  const wait = deps.limiter.wait(provider.id, provider.rateLimits, Date.now());
  if (wait > 0) await deps.sleep(Math.min(wait, 60_000));
  deps.limiter.note(provider.id, Date.now());
  return send();
}

/** Sends what is due now and plans the next wake-up; safe to call at any time, from anywhere. */
export function kick(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    // The wake-up is armed before anything is sent: a worker stopped in the middle of this drain is woken again.
    await armWakeUp();
    await restoreLimiter();
    do {
      again = false;
      try {
        await drain(deps);
      } catch (error) {
        console.warn('outbox drain failed', error instanceof Error ? error.message : error);
      }
    } while (again);
  })().finally(() => {
    running = null;
    void plan();
  });
  return running;
}

/** An alarm 30 s out (the shortest a browser keeps) whenever the outbox holds anything still to send. */
async function armWakeUp(): Promise<void> {
  try {
    const items = await loadOutbox();
    if (items.some((i) => i.state !== 'failed' && i.state !== 'may-exist'))
      await browser.alarms.create(ALARM, { when: Date.now() + 30_000 });
  } catch (error) {
    console.warn('outbox wake-up not armed', error instanceof Error ? error.message : error);
  }
}

async function plan(): Promise<void> {
  const items = await loadOutbox();
  const waiting = items.filter((i) => i.state !== 'failed' && i.state !== 'may-exist').length;
  const attention = items.length - waiting;
  await browser.action
    .setBadgeText({ text: waiting > 0 ? String(waiting) : attention > 0 ? '!' : '' })
    .catch(() => undefined);
  await browser.action
    .setBadgeBackgroundColor({ color: attention > 0 && waiting === 0 ? '#b42318' : '#0b63c4' })
    .catch(() => undefined);
  clearTimeout(timer);
  const due = nextDue(items);
  if (due === null) {
    await browser.alarms.clear(ALARM);
    return;
  }
  const delay = Math.max(0, due - Date.now());
  // A timer while the worker lives; the alarm (30 s at the least) wakes it if it was stopped meanwhile.
  timer = setTimeout(() => void kick(), delay);
  await browser.alarms.create(ALARM, { when: Date.now() + Math.max(delay, 30_000) });
}

/** At every start of the worker: whatever was in flight when it stopped is resolved before anything repeats. */
export async function resumeDelivery(): Promise<void> {
  await changeOutbox((items) => recoverInFlight(items, Date.now(), deps.transport.timeoutMs));
  await kick();
}

/** "Test connection": the provider's probe with the saved account, and a sentence about what it showed. */
export async function testConnection(providerId: string): Promise<{ connected: boolean; message: string }> {
  const provider = getProvider(providerId);
  if (!provider) return { connected: false, message: `Unknown provider ${providerId}.` };
  const account = await getAccount(providerId);
  if (!account) return { connected: false, message: `${provider.label} is not connected: save its key first.` };
  return paced(provider, () => probeConnection(provider, account, deps.transport, deps.tokens));
}

/** The account's custom field definitions, where the provider has them (OpenPhone); none when it cannot say. */
export async function customFieldsOf(providerId: string): Promise<CustomFieldDef[]> {
  if (providerId !== 'openphone') return [];
  const provider = getProvider(providerId);
  const account = await getAccount(providerId);
  if (!provider || !account) return [];
  const result = await paced(provider, () =>
    perform(provider, openPhoneCustomFields.request, account, deps.transport, deps.tokens, () => null),
  ).catch(() => null);
  return result?.ok ? (openPhoneCustomFields.read(result.body) ?? []) : [];
}

/** A changed or removed account leaves no access token of the old one behind. */
export function forgetTokens(providerId: string): void {
  deps.tokens.forget(providerId);
}

export function onAlarm(name: string): void {
  if (name === ALARM) void kick();
}

export async function queueSends(
  providerId: string,
  sends: Array<{
    action: 'create' | 'update';
    remoteId: string | null;
    contact: unknown;
    values: Record<string, unknown>;
  }>,
): Promise<SendOutcome[]> {
  const provider = getProvider(providerId);
  if (!provider) throw new Error(`Unknown provider ${providerId}`);
  const items = sends.map((send) => {
    const contact = ContactInputSchema.parse(send.contact);
    const values = provider.schema.safeParse(send.values);
    if (!values.success) throw new Error(`${provider.label}: ${values.error.issues[0]?.message ?? 'invalid contact'}`);
    if (send.action === 'update' && !send.remoteId) throw new Error('An update needs the contact id in the provider.');
    return {
      id: crypto.randomUUID(),
      providerId,
      action: send.action,
      remoteId: send.remoteId,
      externalId: send.action === 'create' ? externalIdFor(contact) : null,
      values: values.data as Record<string, unknown>,
      person: {
        name: `${contact.firstName} ${contact.lastName}`.trim(),
        emails: contact.emails,
        phones: contact.phones.map((p) => p.value),
      },
    };
  });
  await enqueue(items, Date.now());
  const done = kick();
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, REPLY_WITHIN_MS))]);
  const [outbox, history] = await Promise.all([loadOutbox(), listHistory()]);
  return items.map((item) => {
    const pending = outbox.find((o) => o.id === item.id);
    if (pending) return { id: item.id, state: pending.state, remoteId: pending.remoteId, error: pending.lastError };
    const record = history.find((h) => h.id === item.id);
    return { id: item.id, state: 'delivered', remoteId: record?.remoteId ?? null, error: null };
  });
}

export async function checkExisting(providerId: string, contact: unknown) {
  const provider = getProvider(providerId);
  if (!provider) return null;
  const person = ContactInputSchema.parse(contact);
  const account = await getAccount(providerId);
  const lookup =
    provider.lookup && provider.readLookup && account
      ? async (externalId: string) => {
          const result = await perform(
            provider,
            (ctx) => (provider.lookup as NonNullable<typeof provider.lookup>)(externalId, ctx),
            account,
            deps.transport,
            deps.tokens,
            provider.readLookup,
          ).catch(() => null);
          return result?.ok ? result.remoteId : null;
        }
      : null;
  return findExisting(providerId, person, await listHistory(), lookup);
}
