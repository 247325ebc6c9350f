import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { connectedProviders, getAccount } from '@/lib/accounts';
import { listContacts, saveContact } from '@/lib/address-book';
import { loadOutbox } from '@/lib/delivery/outbox';
import { loadDraft } from '@/lib/drafts';
import { listHistory, recordSend } from '@/lib/history';
import { loadSettings } from '@/lib/settings';
import { listSetAside } from '@/lib/stored';

// Issue 15, 2: stored data that is not what we wrote (garbage, {}, 42, one bad field, a far-future time) left
// Settings on "Loading…" and made every send and save throw. Each is read with a defined recovery now.
const ANN = {
  firstName: 'Ann',
  lastName: 'Lee',
  company: '',
  title: '',
  emails: ['ann@lee.example'],
  phones: [],
  website: '',
  notes: '',
  capturedAt: '',
};

const goodRow = {
  id: 'o1',
  providerId: 'openphone',
  action: 'create',
  remoteId: null,
  externalId: 'ctc-e-1',
  values: {},
  person: { name: 'A B', emails: ['a@b.example'], phones: [] },
  createdAt: '2026-11-30T10:00:00.000Z',
  attempts: 0,
  nextAttemptAt: 1,
  sentAt: null,
  state: 'queued',
  lastError: null,
};

describe('stored data we did not write', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it.each([{}, 42, 'garbage', true])(
    'an outbox, history and address book of %j read as empty and are set aside',
    async (bad) => {
      await fakeBrowser.storage.local.set({ outbox: bad, history: bad, addressBook: bad });
      expect(await loadOutbox()).toEqual([]);
      expect(await listHistory()).toEqual([]);
      expect(await listContacts()).toEqual([]);
      const aside = await listSetAside();
      expect(aside.map((e) => e.key).sort()).toEqual(['addressBook', 'history', 'outbox']);
      expect(aside[0]?.json).toBe(JSON.stringify(bad));
      // Read again: set aside once, not once per read.
      await loadOutbox();
      expect(await listSetAside()).toHaveLength(3);
      // Writing works again: a save and a send record go through.
      await saveContact({
        firstName: 'Ann',
        lastName: 'Lee',
        company: '',
        title: '',
        emails: ['ann@lee.example'],
        phones: [],
        website: '',
        notes: '',
        capturedAt: '',
      });
      expect(await listContacts()).toHaveLength(1);
      await recordSend({
        id: 'r1',
        providerId: 'openphone',
        action: 'create',
        remoteId: 'CT1',
        externalId: null,
        name: 'Ann Lee',
        emails: [],
        phones: [],
        at: '2026-11-30T10:00:00.000Z',
        outcome: 'delivered',
        error: null,
      });
      expect(await listHistory()).toHaveLength(1);
    },
  );

  it('keeps the readable sends and sets aside one with a time no date can hold', async () => {
    await fakeBrowser.storage.local.set({ outbox: [goodRow, { ...goodRow, id: 'o2', nextAttemptAt: 1e20 }, 'x'] });
    expect((await loadOutbox()).map((i) => i.id)).toEqual(['o1']);
    expect((await listSetAside()).map((e) => e.json)).toEqual([
      JSON.stringify({ ...goodRow, id: 'o2', nextAttemptAt: 1e20 }),
      '"x"',
    ]);
  });

  it('one bad setting takes its default and keeps every other', async () => {
    await fakeBrowser.storage.local.set({
      settings: { region: 'usa', lastProvider: 'openphone', defaults: { openphone: { source: 'fair' } } },
    });
    expect(await loadSettings()).toEqual({
      region: null,
      lastProvider: 'openphone',
      defaults: { openphone: { source: 'fair' } },
    });
    expect((await listSetAside())[0]).toMatchObject({ key: 'settings', json: '{"region":"usa"}' });
  });

  it('accounts that are garbage or under prototype keys are not accounts', async () => {
    await fakeBrowser.storage.local.set({
      accounts: JSON.parse(
        '{"__proto__":{"baseUrl":"https://x.example","apiKey":"k"},"constructor":{"baseUrl":"https://x.example"},"openphone":{"baseUrl":"https://api.openphone.com","apiKey":"op_live_abcdefgh1234"}}',
      ),
    });
    expect((await connectedProviders()).map((a) => a.providerId)).toEqual(['openphone']);
    expect(await getAccount('constructor')).toBeNull();
    await fakeBrowser.storage.local.set({ accounts: 'garbage' });
    expect(await connectedProviders()).toEqual([]);
    const aside = await listSetAside();
    expect(aside.some((e) => e.key === 'accounts')).toBe(true);
    expect(JSON.stringify(aside)).not.toContain('op_live_abcdefgh1234');
  });

  it('a full storage area is one sentence with the next step, and the book before it is untouched', async () => {
    const ann = ANN;
    await saveContact(ann);
    // What Chromium's storage.local says when its 10 MB are used up.
    const full = vi
      .spyOn(fakeBrowser.storage.local, 'set')
      .mockRejectedValue(new Error('Resource::kQuotaBytes quota exceeded'));
    await expect(saveContact({ ...ann, emails: ['bo@lee.example'], firstName: 'Bo' })).rejects.toThrow(
      /storage in this browser is full: export the address book/,
    );
    full.mockRestore();
    expect((await listContacts()).map((c) => c.firstName)).toEqual(['Ann']);
  });

  it('a draft that is not the shape we wrote is no draft', async () => {
    await fakeBrowser.storage.session.set({ 'draft:7': { url: 'https://a.example/', selected: 0, form: 'x' } });
    expect(await loadDraft(7, 'https://a.example/')).toBeNull();
  });
});
