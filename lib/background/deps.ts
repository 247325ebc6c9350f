import { browser } from 'wxt/browser';
import { connectedProviders, getAccount } from '../accounts';
import { saveContact } from '../address-book';
import { ContactInputSchema } from '../contact';
import type { DeliveryDeps } from '../delivery/attempt';
import { nextDelay } from '../delivery/backoff';
import { RateLimiter } from '../delivery/rate-limit';
import { recordSend } from '../history';
import { TokenCache } from '../providers/client';
import { useFreshConnections } from './connections';

/**
 * What the worker's delivery runs on: real fetch, the accounts, one limiter and one token cache for every
 * request to a provider, and what must be ready before the first request of a worker (the limiter's windows,
 * the fresh-connection rules).
 */
export const ALARM = 'outbox';
// The page follows each outcome in storage (lib/delivery/outcomes.ts): the reply need not wait for slow answers.
export const REPLY_WITHIN_MS = 3000;
/** How long a request may take. Test builds talk to a local mock whose slow answers take 3 s, so they wait less. */
const TEST_BUILD = import.meta.env.MODE === 'e2e';
const REQUEST_TIMEOUT_MS = TEST_BUILD ? 5_000 : 15_000;
/**
 * The soonest wake-up alarm: 30 s is the shortest a browser keeps for an installed extension. The test build
 * (loaded unpacked, where the browser allows shorter) wakes after 5 s and backs off from 250 ms instead of 1 s,
 * so a fault run of 160 contacts settles in a minute: the same code paths, on a shorter clock.
 */
export const ALARM_FLOOR_MS = TEST_BUILD ? 5_000 : 30_000;
const BACKOFF_BASE_MS = TEST_BUILD ? 250 : 1_000;

/** The background's half of delivery: real fetch, the accounts, the alarm that survives a stopped worker. */
export const deps: DeliveryDeps = {
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
export function ready(): Promise<void> {
  return Promise.all([atMost3s(restoreLimiter()), atMost3s(connectionsReady())]).then(() => undefined);
}

/** Waits for a browser call 3 s at most, and never fails (a failure is logged): what it did not finish is done without it. */
export function atMost3s(work: Promise<unknown>, what = 'a start-up read'): Promise<void> {
  return Promise.race([work, new Promise((resolve) => setTimeout(resolve, 3000))]).then(
    () => undefined,
    (error) => console.warn(`${what} failed`, error instanceof Error ? error.message : error),
  );
}

/** A request outside the outbox (Test connection, the custom-field read) waits for the same windows. */
export async function paced<T>(
  provider: { id: string; rateLimits: ReadonlyArray<{ max: number; perMs: number }> },
  send: () => Promise<T>,
): Promise<T> {
  await ready();
  const wait = deps.limiter.wait(provider.id, provider.rateLimits, Date.now());
  if (wait > 0) await deps.sleep(Math.min(wait, 60_000));
  deps.limiter.note(provider.id, Date.now());
  return send();
}

/** The access tokens this worker holds. */
export function liveTokens(): string[] {
  return deps.tokens.values();
}

/** A changed or removed account leaves no access token of the old one behind. */
export function forgetTokens(providerId: string): void {
  deps.tokens.forget(providerId);
}
