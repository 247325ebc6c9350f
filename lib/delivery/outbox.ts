import { storage } from 'wxt/utils/storage';
import type { SendRecord } from '../history';
import { type ActionResult, NetworkError, perform, type TokenCache, type Transport } from '../providers/client';
import { getProvider } from '../providers/index';
import type { Credentials, Provider } from '../providers/types';
import { readRows, write } from '../stored';
import { z } from '../zod';
import { nextDelay } from './backoff';
import type { RateLimiter } from './rate-limit';

/**
 * The outbox: every send is stored before its first attempt and leaves only with a definite outcome. A create
 * whose outcome is unknown (a timeout or a dropped connection after the server may have written) is resolved by
 * looking the contact up by its external id before anything is sent again; where the provider cannot be asked,
 * the user decides ("may already exist").
 */
export const OutboxItemSchema = z.object({
  id: z.string(),
  providerId: z.string(),
  action: z.enum(['create', 'update']),
  remoteId: z.string().nullable(),
  externalId: z.string().nullable(),
  values: z.record(z.string(), z.unknown()),
  person: z.object({ name: z.string(), emails: z.array(z.string()), phones: z.array(z.string()) }),
  createdAt: z.iso.datetime(),
  attempts: z.number().int().min(0),
  /** A time a Date can hold (a far-future number would make every view of the outbox throw). */
  nextAttemptAt: z.number().min(0).max(8.64e15),
  /** When the last attempt was sent: a lost answer is looked into only after the server has had time to finish. */
  sentAt: z.number().min(0).max(8.64e15).nullable().default(null),
  /** queued: due at nextAttemptAt; in-flight: being sent; unknown: sent, answer lost; may-exist: the user decides. */
  state: z.enum(['queued', 'in-flight', 'unknown', 'may-exist', 'failed']),
  lastError: z.string().nullable(),
});
export type OutboxItem = z.infer<typeof OutboxItemSchema>;

const outboxItem = storage.defineItem<unknown>('local:outbox', { fallback: [], version: 1 });

/** The sends that can be read; an unreadable one is set aside (lib/stored.ts), never sent. */
export async function loadOutbox(): Promise<OutboxItem[]> {
  return readRows('outbox', await outboxItem.getValue(), OutboxItemSchema);
}

let queue: Promise<unknown> = Promise.resolve();
/** Every change to the stored outbox goes through here, one at a time. */
export function changeOutbox<T>(change: (items: OutboxItem[]) => T | Promise<T>): Promise<T> {
  const run = async () => {
    const items = await loadOutbox();
    const result = await change(items);
    await write(outboxItem, items);
    return result;
  };
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

export function watchOutbox(callback: (items: OutboxItem[]) => void): () => void {
  return outboxItem.watch(() => void loadOutbox().then(callback));
}

export interface DeliveryDeps {
  transport: Transport;
  tokens: TokenCache;
  limiter: RateLimiter;
  account: (providerId: string) => Promise<{ baseUrl: string; credentials: Credentials } | null>;
  /** The local address book's own "transport". */
  saveLocally: (values: Record<string, unknown>, remoteId: string | null) => Promise<string>;
  record: (record: SendRecord) => Promise<void>;
  now: () => number;
  random: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Delay before the next attempt; exponential with jitter unless a test speeds it up. */
  backoff?: (attempt: number, retryAfterMs: number | null) => number;
  /** Overrides the providers' documented limits (tests that exercise faults rather than pacing). */
  limitsFor?: (provider: Provider) => Provider['rateLimits'];
}

const MAX_ATTEMPTS = 12;

/**
 * A request we gave up on may still be running at the server and write later. Before looking a lost create up,
 * the outbox waits until this many request timeouts have passed since it was sent: the assumption (stated, not
 * provable) is that a server finishes or drops a request within three times our own patience.
 */
export const SETTLE_TIMEOUTS = 3;

/** After the service worker was stopped mid-send, nothing is known about what was in flight. */
export function recoverInFlight(items: OutboxItem[], now: number, timeoutMs: number): void {
  const settleMs = SETTLE_TIMEOUTS * timeoutMs;
  for (const item of items) {
    if (item.state !== 'in-flight') continue;
    // A create that never left (no send time) is simply queued again; one that did may exist at the server.
    item.state = item.action === 'create' && item.sentAt !== null ? 'unknown' : 'queued';
    // A request the stopped worker sent may still be running at the server: look only once it must have ended.
    item.nextAttemptAt = item.state === 'unknown' ? Math.max(now, (item.sentAt ?? now) + settleMs) : now;
  }
}

/** The next moment something in the outbox is due, or null when nothing waits. */
export function nextDue(items: OutboxItem[]): number | null {
  const due = items.filter((i) => i.state === 'queued' || i.state === 'unknown').map((i) => i.nextAttemptAt);
  return due.length > 0 ? Math.min(...due) : null;
}

type Outcome =
  | { done: true; remoteId: string | null; note?: string }
  | {
      done: false;
      state: OutboxItem['state'];
      error: string;
      retryAfterMs: number | null;
      deferred?: boolean;
      /** No request of this send can still be running at the server (it answered, or this was only a lookup). */
      answered?: boolean;
    };

/** Raised when a provider's limit means a wait too long to spend inside the worker. */
class Deferred extends Error {
  constructor(readonly waitMs: number) {
    super('waiting for the provider’s rate limit');
  }
}

const LONGEST_WAIT_IN_WORKER = 5000;

/** One attempt at one item: resolves an unknown outcome first, then sends. */
async function attempt(item: OutboxItem, provider: Provider, deps: DeliveryDeps): Promise<Outcome> {
  // Sent before (an attempt counted, a lost answer, or a send cut short by a stopped worker).
  const resending = item.state === 'unknown' || item.attempts > 0 || item.sentAt !== null;
  if (provider.inBrowser) {
    return { done: true, remoteId: await deps.saveLocally(item.values, item.remoteId) };
  }
  const account = await deps.account(provider.id);
  if (!account)
    return {
      done: false,
      state: 'failed',
      error: `${provider.label} is not connected — add it in Settings.`,
      retryAfterMs: null,
    };

  const run = async (
    build: Parameters<typeof perform>[1],
    read?: (b: unknown) => string | null,
  ): Promise<ActionResult | NetworkError> => {
    const wait = deps.limiter.wait(provider.id, deps.limitsFor?.(provider) ?? provider.rateLimits, deps.now());
    if (wait > LONGEST_WAIT_IN_WORKER) throw new Deferred(wait);
    if (wait > 0) await deps.sleep(wait);
    deps.limiter.note(provider.id, deps.now());
    await markSent(item.id, deps.now());
    try {
      return await perform(provider, build, account, deps.transport, deps.tokens, read);
    } catch (error) {
      if (error instanceof NetworkError) return error;
      throw error;
    }
  };

  if (item.state === 'unknown' && item.action === 'create') {
    if (!provider.lookup || !provider.readLookup || !item.externalId) {
      if (provider.uniqueExternalId) {
        // The provider refuses a second active record with the same external id: sending again cannot duplicate.
        item.state = 'queued';
      } else {
        return {
          done: false,
          state: 'may-exist',
          error: `The connection dropped after sending; this contact may already exist in ${provider.label}. Check there, then send again or discard.`,
          retryAfterMs: null,
        };
      }
    } else {
      const externalId = item.externalId;
      const found = await run(
        (ctx) => (provider.lookup as NonNullable<Provider['lookup']>)(externalId, ctx),
        provider.readLookup,
      );
      // The lookup's own failure: the create it asks about had its time to settle already.
      if (found instanceof NetworkError)
        return { done: false, state: 'unknown', error: found.message, retryAfterMs: null, answered: true };
      if (found.ok && found.remoteId)
        return { done: true, remoteId: found.remoteId, note: 'found after a lost answer' };
      if (!found.ok && !(found.error.kind === 'not-found')) {
        return {
          done: false,
          state: found.error.retryable ? 'unknown' : 'failed',
          error: found.error.message,
          retryAfterMs: found.retryAfterMs,
          answered: true,
        };
      }
      // Not there: the lost attempt never landed, so sending is safe.
    }
  }

  const values = provider.schema.safeParse(item.values);
  if (!values.success) {
    return {
      done: false,
      state: 'failed',
      error: `The saved contact no longer fits ${provider.label}'s fields: ${values.error.issues[0]?.message ?? 'invalid'}.`,
      retryAfterMs: null,
    };
  }
  let toSend = values.data;
  if (item.action === 'update' && item.remoteId && provider.current && provider.withCurrent) {
    // OpenPhone addresses an existing e-mail or phone by its id: read them first, or an update adds them again.
    const remoteId = item.remoteId;
    const current = await run(
      (ctx) => (provider.current as NonNullable<Provider['current']>)(remoteId, ctx),
      () => null,
    );
    if (current instanceof NetworkError)
      return { done: false, state: 'queued', error: current.message, retryAfterMs: null };
    if (!current.ok && current.error.kind !== 'not-found')
      return {
        done: false,
        state: current.error.retryable ? 'queued' : 'failed',
        error: current.error.message,
        retryAfterMs: current.retryAfterMs,
      };
    if (current.ok) toSend = provider.withCurrent(toSend, current.body);
  }
  const result = await run((ctx) =>
    item.action === 'create' ? provider.create(toSend, ctx) : provider.update(item.remoteId ?? '', toSend, ctx),
  );
  if (result instanceof NetworkError) {
    return {
      done: false,
      state: result.outcomeUnknown && item.action === 'create' ? 'unknown' : 'queued',
      error: result.message,
      retryAfterMs: null,
    };
  }
  if (result.ok) return { done: true, remoteId: result.remoteId ?? item.remoteId };
  if (provider.uniqueExternalId && result.error.kind === 'duplicate' && resending) {
    // One active record per external id: refusing our own id again means the earlier attempt landed.
    return {
      done: true,
      remoteId: null,
      note: `${provider.label} already had it: an earlier attempt landed (its id was not returned)`,
    };
  }
  // A 5xx to a create may come after the server wrote it; a 429 or 5xx may answer a second copy of a create whose
  // first attempt was uncertain. Where the provider can be asked, such a create is looked up before it goes again.
  // A plain 429 is refused before any work (and the browser resends nothing: lib/background/connections.ts).
  const askFirst =
    item.action === 'create' &&
    provider.lookup !== undefined &&
    item.externalId !== null &&
    (result.error.status >= 500 || resending);
  return {
    done: false,
    state: result.error.retryable ? (askFirst ? 'unknown' : 'queued') : 'failed',
    error: result.error.message,
    retryAfterMs: result.retryAfterMs,
    answered: true,
  };
}

/** Sends everything that is due, provider by provider (in parallel across providers), until nothing is due. */
export async function drain(deps: DeliveryDeps): Promise<void> {
  const due = await changeOutbox((items) => {
    const now = deps.now();
    // Only the request actually being sent is in flight (drainProvider marks each in turn): a worker stopped
    // here leaves the rest queued, not uncertain.
    const picked = items.filter((i) => (i.state === 'queued' || i.state === 'unknown') && i.nextAttemptAt <= now);
    return picked.map((i) => ({ ...i }));
  });
  if (due.length === 0) return;
  const byProvider = new Map<string, OutboxItem[]>();
  for (const item of due) byProvider.set(item.providerId, [...(byProvider.get(item.providerId) ?? []), item]);
  await Promise.all([...byProvider.values()].map((items) => drainProvider(items, deps)));
  await drain(deps);
}

async function drainProvider(items: OutboxItem[], deps: DeliveryDeps): Promise<void> {
  for (const item of items) {
    const provider = getProvider(item.providerId);
    const wasUnknown = item.state === 'unknown';
    await changeOutbox((all) => setState(all, item.id, 'in-flight'));
    let outcome: Outcome;
    try {
      outcome = provider
        ? await attempt({ ...item, state: wasUnknown ? 'unknown' : item.state }, provider, deps)
        : { done: false, state: 'failed', error: `Unknown provider ${item.providerId}.`, retryAfterMs: null };
    } catch (error) {
      const deferred = error instanceof Deferred;
      outcome = {
        done: false,
        state: deferred && wasUnknown ? 'unknown' : 'queued',
        error: error instanceof Error ? error.message : String(error),
        retryAfterMs: deferred ? error.waitMs : null,
        deferred,
      };
    }
    await settle(item, outcome, deps);
  }
}

function markSent(id: string, at: number): Promise<void> {
  return changeOutbox((items) => {
    const found = items.find((i) => i.id === id);
    if (found) found.sentAt = at;
  });
}

function setState(items: OutboxItem[], id: string, state: OutboxItem['state']): void {
  const found = items.find((i) => i.id === id);
  if (found) found.state = state;
}

async function settle(item: OutboxItem, outcome: Outcome, deps: DeliveryDeps): Promise<void> {
  const at = new Date(deps.now()).toISOString();
  const base = {
    id: item.id,
    providerId: item.providerId,
    action: item.action,
    externalId: item.externalId,
    name: item.person.name,
    emails: item.person.emails,
    phones: item.person.phones,
    at,
  };
  if (outcome.done) {
    await deps.record({ ...base, remoteId: outcome.remoteId, outcome: 'delivered', error: outcome.note ?? null });
    await changeOutbox((items) => {
      const index = items.findIndex((i) => i.id === item.id);
      if (index >= 0) items.splice(index, 1);
    });
    return;
  }
  if (outcome.deferred) {
    // Not an attempt: the provider's limit is full, so the send waits its turn outside the worker.
    await changeOutbox((items) => {
      const found = items.find((i) => i.id === item.id);
      if (found)
        Object.assign(found, { state: outcome.state, nextAttemptAt: deps.now() + (outcome.retryAfterMs ?? 0) });
    });
    return;
  }
  const attempts = item.attempts + 1;
  const gaveUp = (outcome.state === 'queued' || outcome.state === 'unknown') && attempts >= MAX_ATTEMPTS;
  const state = gaveUp ? 'failed' : outcome.state;
  await changeOutbox((items) => {
    const found = items.find((i) => i.id === item.id);
    if (!found) return;
    found.attempts = attempts;
    found.state = state;
    found.lastError = gaveUp
      ? `${outcome.error} (gave up after ${attempts} attempts — retry from Settings)`
      : outcome.error;
    const delay = (deps.backoff ?? ((n, after) => nextDelay(n, after, deps.random)))(attempts, outcome.retryAfterMs);
    // After a lost answer (which ends at most one timeout after sending), let the server settle before looking.
    const settle = (SETTLE_TIMEOUTS - 1) * deps.transport.timeoutMs;
    found.nextAttemptAt = deps.now() + (state === 'unknown' && !outcome.answered ? Math.max(delay, settle) : delay);
  });
  if (state === 'failed' || state === 'may-exist') {
    await deps.record({
      ...base,
      remoteId: item.remoteId,
      outcome: state === 'failed' ? 'failed' : 'unknown',
      error: outcome.error,
    });
  }
}

/** What became of a send the outbox was asked to take. */
export type Taken =
  | { kind: 'queued'; item: OutboxItem }
  /** The same send (its id), or a create of the same person to the same provider, is already waiting. */
  | { kind: 'waiting'; item: OutboxItem }
  /** The same send, or this person created in this provider, is already in the history. */
  | { kind: 'recorded'; record: SendRecord };

type NewItem = Omit<OutboxItem, 'attempts' | 'state' | 'lastError' | 'nextAttemptAt' | 'createdAt' | 'sentAt'>;

/**
 * Adds sends to the outbox once. A send whose id is already known (a popup asking again after its reply was lost)
 * and a create of a person already waiting for, or already created in, the same provider are not added again:
 * the answer points at the send that exists. `allowAgain` lets a create through that the history knows (the user
 * chose "create a new contact" over the one on record).
 */
export function enqueueOnce(
  items: Array<NewItem & { allowAgain?: boolean }>,
  now: number,
  history: () => Promise<SendRecord[]>,
): Promise<Taken[]> {
  return changeOutbox(async (all) => {
    // Read inside the outbox's turn: a delivered send is recorded before it leaves the outbox, so it is in one.
    const records = await history();
    return items.map(({ allowAgain, ...item }): Taken => {
      const sameCreate = (o: { providerId: string; action: string; externalId: string | null }) =>
        item.action === 'create' &&
        item.externalId !== null &&
        o.providerId === item.providerId &&
        o.action === 'create' &&
        o.externalId === item.externalId;
      const waiting = all.find((o) => o.id === item.id || sameCreate(o));
      if (waiting) return { kind: 'waiting', item: waiting };
      const record = records.find(
        (r) => r.id === item.id || (!allowAgain && r.outcome === 'delivered' && sameCreate(r)),
      );
      if (record) return { kind: 'recorded', record };
      const stored = fresh(item, now);
      all.push(stored);
      return { kind: 'queued', item: stored };
    });
  });
}

/** A send as the outbox first stores it: queued, due now, never attempted. */
function fresh(item: NewItem, now: number): OutboxItem {
  return OutboxItemSchema.parse({
    ...item,
    attempts: 0,
    state: 'queued',
    lastError: null,
    nextAttemptAt: now,
    sentAt: null,
    createdAt: new Date(now).toISOString(),
  });
}

/** Adds sends to the outbox (stored before any attempt), without the checks of enqueueOnce. */
export function enqueue(items: NewItem[], now: number): Promise<void> {
  return changeOutbox((all) => {
    for (const item of items) all.push(fresh(item, now));
  });
}

/** The user's choice for a failed or "may already exist" send: try again now, or drop it. */
export function resolveByUser(id: string, choice: 'retry' | 'discard', now: number): Promise<boolean> {
  return changeOutbox((items) => {
    const index = items.findIndex((i) => i.id === id && (i.state === 'failed' || i.state === 'may-exist'));
    if (index < 0) return false;
    const item = items[index] as OutboxItem;
    if (choice === 'discard') items.splice(index, 1);
    else Object.assign(item, { state: 'queued', nextAttemptAt: now, attempts: 0, lastError: null });
    return true;
  });
}
