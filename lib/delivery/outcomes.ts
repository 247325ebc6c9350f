import { nextStepOf } from '../failure';
import { listHistory, type SendRecord, watchHistory } from '../history';
import type { SendOutcome } from '../messages';
import { isSameCreate, loadOutbox, type OutboxItem, watchOutbox } from './outbox';

/**
 * What became of sends, read from storage: the outbox holds a send until its outcome is definite, the history
 * keeps it after. A popup learns a bulk send's outcome here, not from a reply the worker may never give (a
 * worker stopped right after it stored the sends), so a lost reply neither reads as a failure nor invites a
 * second copy. `null`: neither holds the id, so the send was never stored.
 */
export function outcomeOf(
  id: string,
  outbox: OutboxItem[],
  history: SendRecord[],
  same?: { providerId: string; externalId: string | null },
): SendOutcome | null {
  const pending = outbox.find((o) => o.id === id);
  if (pending) return fromOutbox(id, pending);
  const record = history.find((h) => h.id === id);
  if (record) {
    const state = record.outcome === 'delivered' ? 'delivered' : record.outcome === 'failed' ? 'failed' : 'may-exist';
    return {
      id,
      state,
      remoteId: record.remoteId,
      error: record.error,
      already: null,
      next: nextStepOf(record.errorKind),
    };
  }
  // A create the outbox did not take because the same person was waiting or created already (the outbox's own
  // rule, lib/delivery/outbox.ts enqueueOnce): its outcome is that send's.
  if (!same?.externalId) return null;
  const isSame = (o: OutboxItem | SendRecord) => isSameCreate(o, same);
  const waiting = outbox.find(isSame);
  if (waiting) return fromOutbox(waiting.id, waiting);
  const created = history.find((h) => h.outcome === 'delivered' && isSame(h));
  return created
    ? { id: created.id, state: 'delivered', remoteId: created.remoteId, error: null, already: created.at, next: null }
    : null;
}

function fromOutbox(id: string, item: OutboxItem): SendOutcome {
  const { state, remoteId, lastError: error, errorKind } = item;
  return { id, state, remoteId, error, already: null, next: nextStepOf(errorKind) };
}

/** True when nothing more will happen to the send without the user (delivered, failed, or theirs to decide). */
export function isFinal(outcome: SendOutcome | null): boolean {
  return (
    outcome !== null && (outcome.state === 'delivered' || outcome.state === 'failed' || outcome.state === 'may-exist')
  );
}

/** `same`: for each id, the create's provider and external id, to find the send that stood in for it. */
export async function readOutcomes(
  ids: string[],
  same: Array<{ providerId: string; externalId: string | null } | undefined> = [],
): Promise<Array<SendOutcome | null>> {
  const [outbox, history] = await Promise.all([loadOutbox(), listHistory()]);
  return ids.map((id, i) => outcomeOf(id, outbox, history, same[i]));
}

/** Calls back with the sends' outcomes whenever the outbox or the history changes; returns the unsubscribe. */
export function followOutcomes(ids: string[], onChange: (outcomes: Array<SendOutcome | null>) => void): () => void {
  let closed = false;
  const update = () =>
    void readOutcomes(ids).then((outcomes) => {
      if (!closed) onChange(outcomes);
    });
  const stops = [watchOutbox(update), watchHistory(update)];
  update();
  return () => {
    closed = true;
    for (const stop of stops) stop();
  };
}
