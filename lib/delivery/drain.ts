import { getProvider } from '../providers/index';
import { attempt, Deferred, type DeliveryDeps, type Outcome } from './attempt';
import { nextDelay } from './backoff';
import { changeOutbox, type OutboxItem, SETTLE_TIMEOUTS } from './outbox';

/** Draining the outbox: what is due, provider by provider, and what each outcome does to the stored send. */

const MAX_ATTEMPTS = 12;
/**
 * A send whose create may have landed waits on a lookup, a cheap read: its wait stops growing after the 6th
 * (16–32 s; 4–8 s in the test build), and it never gives up by count. What it waits for decides between a
 * duplicate and a lost contact, and only an answer can decide it (or the user, where nothing can be asked).
 */
const LOOKUP_BACKOFF_STEPS = 6;

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
    await deps.record({
      ...base,
      remoteId: outcome.remoteId,
      outcome: 'delivered',
      error: outcome.note ?? null,
      errorKind: null,
    });
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
  const gaveUp = outcome.state === 'queued' && attempts >= MAX_ATTEMPTS;
  const state = gaveUp ? 'failed' : outcome.state;
  await changeOutbox((items) => {
    const found = items.find((i) => i.id === item.id);
    if (!found) return;
    found.attempts = attempts;
    found.state = state;
    found.lastError = gaveUp
      ? `${outcome.error} (gave up after ${attempts} attempts — retry from Settings)`
      : outcome.error;
    found.errorKind = gaveUp ? 'gave-up' : (outcome.kind ?? null);
    const steps = state === 'unknown' ? Math.min(attempts, LOOKUP_BACKOFF_STEPS) : attempts;
    const delay = (deps.backoff ?? ((n, after) => nextDelay(n, after, deps.random)))(steps, outcome.retryAfterMs);
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
      errorKind: gaveUp ? 'gave-up' : (outcome.kind ?? null),
    });
  }
}
