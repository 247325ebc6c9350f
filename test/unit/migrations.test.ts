import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

// Issue 16, 3: every stored item has a version and migrations; a stored example of every past version is read
// back in the current shape. Each test stores the old value first and then loads the module fresh, as a browser
// does after an update (the module's first load runs the migrations).

async function fresh<T>(load: () => Promise<T>): Promise<T> {
  vi.resetModules();
  return load();
}

async function stored(key: string, value: unknown, version: number | null): Promise<void> {
  await fakeBrowser.storage.local.set({ [key]: value, ...(version === null ? {} : { [`${key}$`]: { v: version } }) });
}

async function versionOf(key: string): Promise<unknown> {
  const meta = (await fakeBrowser.storage.local.get(`${key}$`))[`${key}$`] as { v?: number } | undefined;
  return meta?.v;
}

const V1_OUTBOX_ROW = {
  // Written before sends recorded when they left (no sentAt) and before failures kept their kind.
  id: 'o1',
  providerId: 'openphone',
  action: 'create',
  remoteId: null,
  externalId: 'ctc-e-1',
  values: { firstName: 'Ann' },
  person: { name: 'Ann Lee', emails: ['ann@lee.example'], phones: [] },
  createdAt: '2026-11-20T10:00:00.000Z',
  attempts: 2,
  nextAttemptAt: 1_000,
  state: 'failed',
  lastError: 'The OpenPhone API key was refused — check it in Settings.',
};

const V1_HISTORY_ROW = {
  id: 'h1',
  providerId: 'openphone',
  action: 'create',
  remoteId: 'OP1',
  externalId: 'ctc-e-1',
  name: 'Ann Lee',
  emails: ['ann@lee.example'],
  phones: [],
  at: '2026-11-20T10:00:00.000Z',
  outcome: 'delivered',
  error: null,
};

beforeEach(() => {
  fakeBrowser.reset();
});

describe('stored items from past versions', () => {
  it('outbox rows written before a field with a default existed (no send time, no failure kind) read with it', async () => {
    await stored('outbox', [V1_OUTBOX_ROW, 'garbage'], 1);
    const { loadOutbox, OUTBOX_VERSION } = await fresh(() => import('@/lib/delivery/outbox'));
    const rows = await loadOutbox();
    expect(OUTBOX_VERSION).toBe(1);
    expect(rows).toEqual([{ ...V1_OUTBOX_ROW, sentAt: null, errorKind: null }]);
    // What the migration could not read is still set aside on read, not dropped.
    const { listSetAside } = await import('@/lib/stored');
    expect((await listSetAside()).map((e) => e.json)).toEqual(['"garbage"']);
  });

  it('history records without a failure kind read with none', async () => {
    await stored('history', [V1_HISTORY_ROW], null);
    const { listHistory } = await fresh(() => import('@/lib/history'));
    expect(await listHistory()).toEqual([{ ...V1_HISTORY_ROW, errorKind: null }]);
  });

  it('accounts v1 (secrets as pasted) are stored cleaned in v2, so the ending shown is the key’s', async () => {
    await stored(
      'accounts',
      {
        openphone: { baseUrl: 'https://api.openphone.com', apiKey: ' "Bearer op_live_abcdef123456" ' },
        routera: { baseUrl: 'https://api.routera.io', clientId: "'cid-1'", clientSecret: 'Bearer sec-987654321' },
      },
      1,
    );
    const { connectedProviders, getAccount, ACCOUNTS_VERSION } = await fresh(() => import('@/lib/accounts'));
    expect(ACCOUNTS_VERSION).toBe(2);
    expect((await getAccount('openphone'))?.credentials).toEqual({ apiKey: 'op_live_abcdef123456' });
    expect((await getAccount('routera'))?.credentials).toEqual({ clientId: 'cid-1', clientSecret: 'sec-987654321' });
    expect((await connectedProviders()).find((c) => c.providerId === 'openphone')?.keyEnding).toBe('3456');
    expect(await versionOf('accounts')).toBe(2);
  });

  it('address book and settings v1 read as they were', async () => {
    const contact = {
      id: 'c1',
      firstName: 'Ann',
      lastName: 'Lee',
      company: 'Lee & Co',
      title: '',
      emails: ['ann@lee.example'],
      phones: [],
      website: '',
      notes: '',
      sourceUrl: 'https://lee.example/team',
      createdAt: '2026-11-20T10:00:00.000Z',
      updatedAt: '2026-11-20T10:00:00.000Z',
    };
    await stored('addressBook', [contact], null);
    await stored('settings', { lastProvider: 'openphone', region: 'DE', defaults: {} }, null);
    const { listContacts } = await fresh(() => import('@/lib/address-book'));
    const { loadSettings } = await import('@/lib/settings');
    expect((await listContacts()).map((c) => c.id)).toEqual(['c1']);
    expect(await loadSettings()).toEqual({ lastProvider: 'openphone', region: 'DE', defaults: {} });
    // No version recorded reads as v1 (the browser's storage helper's rule); nothing needed changing.
    expect(await versionOf('addressBook')).toBeUndefined();
  });

  it('a value stored by a newer version is not overwritten by an older build (read as it can be)', async () => {
    await stored('history', [V1_HISTORY_ROW], 99);
    const { listHistory } = await fresh(() => import('@/lib/history'));
    expect((await listHistory()).map((r) => r.id)).toEqual(['h1']);
    expect(await versionOf('history')).toBe(99);
  });
});
