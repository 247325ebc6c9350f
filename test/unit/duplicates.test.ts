import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { emptyContactInput } from '@/lib/contact';
import { findExisting } from '@/lib/duplicates';
import { listHistory, recordSend, type SendRecord } from '@/lib/history';
import { externalIdFor } from '@/lib/providers/external-id';

const jane = {
  ...emptyContactInput(),
  firstName: 'Jane',
  emails: ['jane@acme.com'],
  phones: [{ value: '+14155550132', type: 'work' as const }],
};
const record = (over: Partial<SendRecord>): SendRecord => ({
  id: crypto.randomUUID(),
  providerId: 'openphone',
  action: 'create',
  remoteId: 'CT1',
  externalId: null,
  name: 'Jane',
  emails: ['jane@acme.com'],
  phones: [],
  at: '2026-11-03T10:00:00.000Z',
  outcome: 'delivered',
  error: null,
  ...over,
});

describe('finding the same person before a create', () => {
  beforeEach(() => fakeBrowser.reset());

  it('knows a person from history by email or phone, per provider', async () => {
    await recordSend(record({ at: '2026-11-03T10:00:00.000Z' }));
    await recordSend(
      record({ action: 'update', at: '2026-11-10T10:00:00.000Z', emails: [], phones: ['+14155550132'] }),
    );
    const history = await listHistory();
    expect(await findExisting('openphone', jane, history, null)).toEqual({
      remoteId: 'CT1',
      since: '2026-11-03T10:00:00.000Z',
      via: 'history',
    });
    expect(await findExisting('vixiees', jane, history, null)).toBeNull();
  });

  it('ignores failed sends and asks the provider by external id', async () => {
    await recordSend(record({ outcome: 'failed', remoteId: null }));
    const asked: string[] = [];
    const found = await findExisting('openphone', jane, await listHistory(), async (externalId) => {
      asked.push(externalId);
      return 'CT9';
    });
    expect(asked).toEqual([externalIdFor(jane)]);
    expect(found).toEqual({ remoteId: 'CT9', since: null, via: 'lookup' });
  });
});
