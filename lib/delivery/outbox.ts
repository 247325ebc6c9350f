import { FAILURE_KINDS } from '../failure';
import type { SendRecord } from '../history';
import { defineStored, readRows, serial, write } from '../stored';
import { z } from '../zod';

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
  /** The last failure's kind (lib/failure.ts): what the user is offered next follows from it. */
  errorKind: z.enum(FAILURE_KINDS).nullable().default(null),
});
export type OutboxItem = z.infer<typeof OutboxItemSchema>;

/**
 * v1, the only version so far. A field added with a default (`sentAt`, `errorKind`) needs no new version: a row
 * written before it reads with the default. A change a default cannot express adds a version and its migration
 * (lib/accounts.ts has one).
 */
export const OUTBOX_VERSION = 1;
const outboxItem = defineStored('local:outbox', { fallback: [], version: OUTBOX_VERSION, migrations: {} });

/** The sends that can be read; an unreadable one is set aside (lib/stored.ts), never sent. */
export async function loadOutbox(): Promise<OutboxItem[]> {
  return readRows('outbox', await outboxItem.getValue(), OutboxItemSchema);
}

/**
 * Keeps the worker's wake-up in step with what is stored, inside the outbox's turn: `before` a write (arm it when
 * the new rows leave anything to send) and `after` it (clear it when they leave nothing). Read from the rows
 * themselves, never from an earlier read: a wake-up planned on a read that a later write made stale once cleared
 * the alarm of sends stored meanwhile.
 */
export type WakeUpKeeper = (items: OutboxItem[], phase: 'before' | 'after') => Promise<void>;
let keeper: WakeUpKeeper | null = null;
export function keepWakeUp(keep: WakeUpKeeper | null): void {
  keeper = keep;
}

const turn = serial();
/** Every change to the stored outbox goes through here, one at a time. */
export function changeOutbox<T>(change: (items: OutboxItem[]) => T | Promise<T>): Promise<T> {
  const run = async () => {
    const items = await loadOutbox();
    const result = await change(items);
    await keeper?.(items, 'before');
    await write(outboxItem, items);
    await keeper?.(items, 'after');
    return result;
  };
  return turn(run);
}

/** When a worker stopped now would need waking: the soonest due send, a send in flight counting as due now. */
export function wakeUpAt(items: OutboxItem[], now: number): number | null {
  return items.some((i) => i.state === 'in-flight') ? now : nextDue(items);
}

export function watchOutbox(callback: (items: OutboxItem[]) => void): () => void {
  return outboxItem.watch(() => void loadOutbox().then(callback));
}

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

/** What became of a send the outbox was asked to take. */
export type Taken =
  | { kind: 'queued'; item: OutboxItem }
  /** The same send (its id), or a create of the same person to the same provider, is already waiting. */
  | { kind: 'waiting'; item: OutboxItem }
  /** The same send, or this person created in this provider, is already in the history. */
  | { kind: 'recorded'; record: SendRecord };

type CreateKey = { providerId: string; action: string; externalId: string | null };

/** A create of the same person to the same provider (the same external id): the outbox takes one. */
export function isSameCreate(a: CreateKey, b: { providerId: string; externalId: string | null }): boolean {
  return (
    a.action === 'create' && b.externalId !== null && a.providerId === b.providerId && a.externalId === b.externalId
  );
}

type NewItem = Omit<
  OutboxItem,
  'attempts' | 'state' | 'lastError' | 'errorKind' | 'nextAttemptAt' | 'createdAt' | 'sentAt'
>;

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
      const sameCreate = (o: CreateKey) => item.action === 'create' && isSameCreate(o, item);
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
    errorKind: null,
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
    else Object.assign(item, { state: 'queued', nextAttemptAt: now, attempts: 0, lastError: null, errorKind: null });
    return true;
  });
}
