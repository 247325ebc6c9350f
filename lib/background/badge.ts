import { browser } from 'wxt/browser';
import type { OutboxItem } from '../delivery/outbox';

/** The toolbar badge: how many sends wait, or "!" in red when only ones needing the user are left. */
export async function showBadge(items: OutboxItem[]): Promise<void> {
  const waiting = items.filter((i) => i.state !== 'failed' && i.state !== 'may-exist').length;
  const attention = items.length - waiting;
  await browser.action
    .setBadgeText({ text: waiting > 0 ? String(waiting) : attention > 0 ? '!' : '' })
    .catch(() => undefined);
  await browser.action
    .setBadgeBackgroundColor({ color: attention > 0 && waiting === 0 ? '#b42318' : '#0b63c4' })
    .catch(() => undefined);
}
