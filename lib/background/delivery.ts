import { browser } from 'wxt/browser';
import { ContactInputSchema } from '../contact';
import { drain } from '../delivery/drain';
import { changeOutbox, enqueueOnce, loadOutbox, nextDue, recoverInFlight } from '../delivery/outbox';
import { outcomeOf } from '../delivery/outcomes';
import { listHistory } from '../history';
import type { SendOutcome } from '../messages';
import { externalIdFor } from '../providers/external-id';
import { idProblem } from '../providers/http';
import { getProvider } from '../providers/index';
import { showBadge } from './badge';
import { ALARM, ALARM_FLOOR_MS, atMost3s, deps, REPLY_WITHIN_MS, ready } from './deps';

/**
 * The worker's delivery runner: takes sends into the outbox, drains it one run at a time, and keeps a wake-up
 * armed while anything waits (lib/delivery/ holds what one drain and one attempt do).
 */
let running: Promise<void> | null = null;
let again = false;
let timer: ReturnType<typeof setTimeout> | undefined;

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

/** The next wake-up: a timer while the worker lives, an alarm for when it was stopped. */
async function plan(): Promise<void> {
  const items = await loadOutbox();
  await showBadge(items);
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
