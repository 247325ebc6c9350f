import { type Message, type SendOutcome, sendMessage } from '../messages';
import { externalIdFor } from '../providers/external-id';
import { followOutcomes, isFinal, readOutcomes } from './outcomes';

type Send = Extract<Message, { type: 'outbox.send' }>['sends'][number];

/**
 * Sends to a provider as a page does it, and keeps telling what became of each send. Every send gets its id here;
 * the outcomes come from the reply, or, when the reply is lost (a worker stopped right after storing the sends),
 * from storage, and then from storage as they change. `null`: the send was never stored (`error` says why).
 * Returns what stops the following.
 */
export async function sendAndFollow(
  providerId: string,
  sends: Array<Omit<Send, 'id'>>,
  onChange: (outcomes: Array<SendOutcome | null>, error: string | null) => void,
): Promise<() => void> {
  const ids = sends.map(() => crypto.randomUUID());
  // The worker answers within about 3 s (lib/background/delivery.ts); after 10 s the outcome is read from storage.
  const reply = await sendMessage(
    { type: 'outbox.send', providerId, sends: sends.map((send, i) => ({ ...send, id: ids[i] })) },
    10_000,
  );
  const outcomes: Array<SendOutcome | null> = reply.ok
    ? reply.value
    : await readOutcomes(
        ids,
        sends.map((s) => (s.action === 'create' ? { providerId, externalId: externalIdFor(s.contact) } : undefined)),
      );
  const error = reply.ok ? null : reply.error;
  onChange([...outcomes], error);
  const open = outcomes.flatMap((o, i) => (o && !isFinal(o) ? [i] : []));
  if (open.length === 0) return () => undefined;
  const stop = followOutcomes(
    open.map((i) => (outcomes[i] as SendOutcome).id),
    (later) => {
      open.forEach((at, j) => {
        if (later[j]) outcomes[at] = later[j];
      });
      onChange([...outcomes], error);
      if (later.every(isFinal)) stop();
    },
  );
  return stop;
}
