import type { FailureKind } from '../failure';
import type { SendRecord } from '../history';
import { type ActionResult, NetworkError, perform, type TokenCache, type Transport } from '../providers/client';
import type { Credentials, Provider } from '../providers/types';
import { changeOutbox, type OutboxItem } from './outbox';
import type { RateLimiter } from './rate-limit';

/** One attempt at one send: what the outbox needs from the world, and what an attempt can come to. */

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

export type Outcome =
  | { done: true; remoteId: string | null; note?: string }
  | {
      done: false;
      state: OutboxItem['state'];
      error: string;
      /** The failure's kind where it is known (a provider's answer, no account). */
      kind?: FailureKind;
      retryAfterMs: number | null;
      deferred?: boolean;
      /** No request of this send can still be running at the server (it answered, or this was only a lookup). */
      answered?: boolean;
    };

/** Raised when a provider's limit means a wait too long to spend inside the worker. */
export class Deferred extends Error {
  constructor(readonly waitMs: number) {
    super('waiting for the provider’s rate limit');
  }
}

const LONGEST_WAIT_IN_WORKER = 5000;

/** One attempt at one item: resolves an unknown outcome first, then sends. */
export async function attempt(item: OutboxItem, provider: Provider, deps: DeliveryDeps): Promise<Outcome> {
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
      kind: 'not-connected',
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
          kind: found.error.kind,
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
        kind: current.error.kind,
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
    kind: result.error.kind,
    retryAfterMs: result.retryAfterMs,
    answered: true,
  };
}

function markSent(id: string, at: number): Promise<void> {
  return changeOutbox((items) => {
    const found = items.find((i) => i.id === id);
    if (found) found.sentAt = at;
  });
}
