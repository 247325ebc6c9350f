import { browser } from 'wxt/browser';
import { connectedProviders, getAccount } from '../accounts';
import { saveContact } from '../address-book';
import { ContactInputSchema } from '../contact';
import type { DeliveryDeps } from '../delivery/attempt';
import { nextDelay } from '../delivery/backoff';
import { drain } from '../delivery/drain';
import { changeOutbox, enqueueOnce, loadOutbox, nextDue, recoverInFlight } from '../delivery/outbox';
import { outcomeOf } from '../delivery/outcomes';
import { RateLimiter } from '../delivery/rate-limit';
import { findExisting } from '../duplicates';
import { listHistory, recordSend } from '../history';
import type { CustomFieldDef, SendOutcome } from '../messages';
import { perform, probeConnection, TokenCache } from '../providers/client';
import { externalIdFor } from '../providers/external-id';
import { idProblem } from '../providers/http';
import { getProvider } from '../providers/index';
import { useFreshConnections } from './connections';

const ALARM = 'outbox';
// The page follows each outcome in storage (lib/delivery/outcomes.ts): the reply need not wait for slow answers.
const REPLY_WITHIN_MS = 3000;
/** How long a request may take. Test builds talk to a local mock whose slow answers take 3 s, so they wait less. */
const TEST_BUILD = import.meta.env.MODE === 'e2e';
const REQUEST_TIMEOUT_MS = TEST_BUILD ? 5_000 : 15_000;
/**
 * The soonest wake-up alarm: 30 s is the shortest a browser keeps for an installed extension. The test build
 * (loaded unpacked, where the browser allows shorter) wakes after 5 s and backs off from 250 ms instead of 1 s,
 * so a fault run of 160 contacts settles in a minute: the same code paths, on a shorter clock.
 */
const ALARM_FLOOR_MS = TEST_BUILD ? 5_000 : 30_000;
const BACKOFF_BASE_MS = TEST_BUILD ? 250 : 1_000;

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
  backoff: (attempt, retryAfterMs) => nextDelay(attempt, retryAfterMs, Math.random, BACKOFF_BASE_MS),
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

let connections: Promise<void> | null = null;

/** Sets the fresh-connection rules for the saved accounts (again after an account changes). */
export function refreshConnections(): Promise<void> {
  connections = connectedProviders()
    .then((accounts) => useFreshConnections(accounts.map((a) => a.baseUrl)))
    .catch(() => undefined);
  return connections;
}

/** Before a worker's first request: no request to a provider may go on a reused connection. */
function connectionsReady(): Promise<void> {
  return connections ?? refreshConnections();
}

/**
 * Before a worker's first request: the limiter's windows and the fresh-connection rules, each given 3 s at most. A
 * browser call that never settles (seen once in a fault run, in a worker just restarted) must not hold delivery
 * forever: after the wait, sending goes ahead with what is known.
 */
function ready(): Promise<void> {
  return Promise.all([atMost3s(restoreLimiter()), atMost3s(connectionsReady())]).then(() => undefined);
}

/** Waits for a browser call 3 s at most, and never fails (a failure is logged): what it did not finish is done without it. */
function atMost3s(work: Promise<unknown>, what = 'a start-up read'): Promise<void> {
  return Promise.race([work, new Promise((resolve) => setTimeout(resolve, 3000))]).then(
    () => undefined,
    (error) => console.warn(`${what} failed`, error instanceof Error ? error.message : error),
  );
}

/** A request outside the outbox (Test connection, the custom-field read) waits for the same windows. */
async function paced<T>(
  provider: { id: string; rateLimits: ReadonlyArray<{ max: number; perMs: number }> },
  send: () => Promise<T>,
): Promise<T> {
  await ready();
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
    await ready();
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
      // A browser call that never settles must not hold the drain (the alarm is then armed after it).
      await atMost3s(browser.alarms.create(ALARM, { when: Date.now() + ALARM_FLOOR_MS }), 'the outbox wake-up');
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
  await browser.alarms.create(ALARM, { when: Date.now() + Math.max(delay, ALARM_FLOOR_MS) });
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
  const provider = getProvider(providerId);
  const fields = provider?.customFields;
  if (!provider || !fields) return [];
  const account = await getAccount(providerId);
  if (!account) return [];
  const result = await paced(provider, () =>
    perform(provider, fields.request, account, deps.transport, deps.tokens, () => null),
  ).catch(() => null);
  return result?.ok ? (fields.read(result.body) ?? []) : [];
}

/** The access tokens this worker holds. */
export function liveTokens(): string[] {
  return deps.tokens.values();
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
    id?: string;
    allowAgain?: boolean;
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
    const problem = send.remoteId ? idProblem(send.remoteId, provider.idPattern) : null;
    if (problem) throw new Error(`${provider.label}: ${problem} — paste the contact's id or its link`);
    return {
      id: send.id ?? crypto.randomUUID(),
      allowAgain: send.allowAgain,
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
  // The wake-up is armed before the sends are stored: a worker stopped between the two leaves no outbox unwoken.
  try {
    await browser.alarms.create(ALARM, { when: Date.now() + ALARM_FLOOR_MS });
  } catch {
    // Without alarms the worker's own timer still drains while it lives, as before.
  }
  const taken = await enqueueOnce(items, Date.now(), listHistory);
  const done = kick();
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, REPLY_WITHIN_MS))]);
  const [outbox, history] = await Promise.all([loadOutbox(), listHistory()]);
  return taken.map((t, i) => {
    const item = items[i] as (typeof items)[number];
    return (
      outcomeOf(item.id, outbox, history, item) ?? {
        id: t.kind === 'recorded' ? t.record.id : t.item.id,
        state: 'queued',
        remoteId: null,
        error: null,
        already: null,
        next: null,
      }
    );
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
          const result = await paced(provider, () =>
            perform(
              provider,
              (ctx) => (provider.lookup as NonNullable<typeof provider.lookup>)(externalId, ctx),
              account,
              deps.transport,
              deps.tokens,
              provider.readLookup,
            ),
          ).catch(() => null);
          return result?.ok ? result.remoteId : null;
        }
      : null;
  return findExisting(providerId, person, await listHistory(), lookup);
}
