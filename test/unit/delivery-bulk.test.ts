import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { queueSends } from '@/lib/background/delivery';
import type { ContactInput } from '@/lib/contact';
import { loadOutbox } from '@/lib/delivery/outbox';
import { isFinal, outcomeOf, readOutcomes } from '@/lib/delivery/outcomes';
import { recordSend } from '@/lib/history';
import { getProvider } from '@/lib/providers';
import { externalIdFor } from '@/lib/providers/external-id';

// Issue 14, 4: a bulk send's reply was lost when the worker stopped within seconds of it; the popup said the
// contacts were not sent although they were queued, and sending again duplicated them. Now the page gives each
// send its id, the outbox takes an id (and a create of the same person) once, and the outcome is read from storage.
// No account is saved here, so every send fails at once ("not connected") and stays in the outbox: no network.

const person = (i: number): ContactInput => ({
  firstName: `Bulk${i}`,
  lastName: 'Lead',
  company: 'Acme',
  title: '',
  emails: [`bulk${i}@acme.example`],
  phones: [],
  website: '',
  notes: '',
  capturedAt: '',
});

function send(i: number, id?: string, allowAgain?: boolean) {
  const openphone = getProvider('openphone');
  if (!openphone) throw new Error('no openphone provider');
  const contact = person(i);
  return {
    ...(id ? { id } : {}),
    ...(allowAgain ? { allowAgain } : {}),
    action: 'create' as const,
    remoteId: null,
    contact,
    values: openphone.fromContact(contact, externalIdFor(contact)),
  };
}

describe('a bulk send, asked again after its reply was lost', () => {
  beforeEach(() => {
    fakeBrowser.reset();
  });

  it('is stored once per id, and its outcome can be read back from storage alone', async () => {
    const ids = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    await queueSends('openphone', [send(1, ids[0]), send(2, ids[1]), send(3, ids[2])]);
    // The page asks again with the same ids, as after a lost reply.
    const again = await queueSends('openphone', [send(1, ids[0]), send(2, ids[1]), send(3, ids[2])]);
    expect(again.map((o) => o.id)).toEqual(ids);
    expect((await loadOutbox()).map((i) => i.id).sort()).toEqual([...ids].sort());
    const read = await readOutcomes([...ids, crypto.randomUUID()]);
    expect(read.slice(0, 3).map((o) => o?.state)).toEqual(['failed', 'failed', 'failed']);
    expect(read[0]?.error).toMatch(/not connected/);
    expect(read[3]).toBeNull();
  });

  it('does not queue a second create of a person already waiting for the same provider', async () => {
    const [first] = await queueSends('openphone', [send(7)]);
    const [second] = await queueSends('openphone', [send(7)]);
    expect(second?.id).toBe(first?.id);
    expect(await loadOutbox()).toHaveLength(1);
    // Another provider is another contact.
    const cleartalk = getProvider('cleartalk');
    const contact = person(7);
    await queueSends('cleartalk', [
      {
        action: 'create',
        remoteId: null,
        contact,
        values: cleartalk?.fromContact(contact, externalIdFor(contact)) ?? {},
      },
    ]);
    expect(await loadOutbox()).toHaveLength(2);
  });

  it('does not create again a person the history says was created, unless the user asked for a new one', async () => {
    const contact = person(9);
    await recordSend({
      id: 'earlier-send',
      providerId: 'openphone',
      action: 'create',
      remoteId: 'CT-earlier',
      externalId: externalIdFor(contact),
      name: 'Bulk9 Lead',
      emails: contact.emails,
      phones: [],
      at: '2026-11-30T10:00:00.000Z',
      outcome: 'delivered',
      error: null,
    });
    const [skipped] = await queueSends('openphone', [send(9)]);
    expect(skipped).toMatchObject({ state: 'delivered', remoteId: 'CT-earlier', already: '2026-11-30T10:00:00.000Z' });
    expect(await loadOutbox()).toHaveLength(0);
    const [forced] = await queueSends('openphone', [send(9, undefined, true)]);
    expect(forced?.already).toBeNull();
    expect(await loadOutbox()).toHaveLength(1);
  });

  it('reads a delivered send from the history and calls only settled outcomes final', () => {
    const history = [
      {
        id: 'a',
        providerId: 'openphone',
        action: 'create' as const,
        remoteId: 'CT1',
        externalId: null,
        name: 'A',
        emails: [],
        phones: [],
        at: '2026-11-30T10:00:00.000Z',
        outcome: 'delivered' as const,
        error: null,
      },
    ];
    expect(outcomeOf('a', [], history)).toMatchObject({ state: 'delivered', remoteId: 'CT1' });
    expect(isFinal(outcomeOf('a', [], history))).toBe(true);
    expect(isFinal({ id: 'b', state: 'queued', remoteId: null, error: null, already: null, next: null })).toBe(false);
    expect(isFinal(null)).toBe(false);
  });
});
