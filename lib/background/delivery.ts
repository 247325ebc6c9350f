import { browser } from 'wxt/browser';
import { ContactInputSchema } from '../contact';
import { drain } from '../delivery/drain';
import {
  changeOutbox,
  enqueueOnce,
  keepWakeUp,
  loadOutbox,
  nextDue,
  recoverInFlight,
  wakeUpAt,
} from '../delivery/outbox';
import { outcomeOf } from '../delivery/outcomes';
import { listHistory } from '../history';
import type { SendOutcome } from '../messages';
import { externalIdFor } from '../providers/external-id';
import { idProblem } from '../providers/http';
import { getProvider } from '../providers/index';
import { showBadge } from './badge';
import { ALARM, ALARM_FLOOR_MS, atMost3s, deps, REPLY_WITHIN_MS, ready } from './deps';

const ALARM_PERIOD_MIN = ALARM_FLOOR_MS / 60_000;

/**
 * The worker's delivery runner: takes sends into the outbox, drains it one run at a time, and keeps a wake-up
 * armed while anything waits (lib/delivery/ holds what one drain and one attempt do).
 */
let running: Promise<void> | null = null;
let again = false;
let timer: ReturnType<typeof setTimeout> | undefined;

// The alarm follows every write of the outbox, in the outbox's own turn (lib/delivery/outbox.ts keepWakeUp):
// armed before a write that leaves anything to send, at the soonest due send and no sooner than the browser
// keeps, and cleared only after a write that leaves nothing. A worker stopped at any moment is woken again.
// It repeats (every ALARM_FLOOR_MS) until cleared: an alarm that fires starts the worker, and a worker stopped
// before its first write of the outbox (a larger worker takes longer to start) would otherwise leave no alarm at
// all, and its sends waiting until the next message (seen once in a fault run: 108 of 160 left).
keepWakeUp(async (items, phase) => {
  const now = Date.now();
  const at = wakeUpAt(items, now);
  if (at !== null && phase === 'before')
    // A browser call that never settles must not hold the outbox: the sends go on, the timer still wakes them.
    await atMost3s(
      browser.alarms.create(ALARM, { when: Math.max(at, now + ALARM_FLOOR_MS), periodInMinutes: ALARM_PERIOD_MIN }),
      'the outbox wake-up',
    );
  else if (at === null && phase === 'after') await atMost3s(browser.alarms.clear(ALARM), 'clearing the wake-up');
});

/** Sends what is due now and plans the next wake-up; safe to call at any time, from anywhere. */
export function kick(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    await ready();
    do {
      again = false;
      try {
        await drain(deps);
      } catch (error) {
        console.warn('outbox drain failed', error instanceof Error ? error.message : error);
        // A drain that failed between marking a send in flight and settling it leaves it to no one: nothing is
        // known of it, as after a stopped worker.
        await changeOutbox((items) => recoverInFlight(items, Date.now(), deps.transport.timeoutMs)).catch(
          () => undefined,
        );
      }
    } while (again);
  })().finally(() => {
    running = null;
    void planTimer();
  });
  return running;
}

/** While the worker lives, a timer for the next due send (the alarm, kept by every write, wakes a stopped one). */
async function planTimer(): Promise<void> {
  const items = await loadOutbox();
  await showBadge(items);
  clearTimeout(timer);
  const due = nextDue(items);
  if (due !== null) timer = setTimeout(() => void kick(), Math.max(0, due - Date.now()));
}

/** At every start of the worker: whatever was in flight when it stopped is resolved before anything repeats. */
export async function resumeDelivery(): Promise<void> {
  await changeOutbox((items) => recoverInFlight(items, Date.now(), deps.transport.timeoutMs));
  await kick();
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
  // The outbox arms the wake-up before it stores the sends: a worker stopped between the two leaves none unwoken.
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
