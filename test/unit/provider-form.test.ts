import { describe, expect, it } from 'vitest';
import { emptyContactInput } from '@/lib/contact';
import { checkValues, idFromPasted, knownText, outcomeText, providerValues, shownValue } from '@/lib/provider-form';
import { getProvider } from '@/lib/providers/index';
import type { Provider } from '@/lib/providers/types';

const openphone = getProvider('openphone') as Provider;
const vixiees = getProvider('vixiees') as Provider;
const jane = {
  ...emptyContactInput(),
  firstName: 'Jane',
  lastName: 'Doe',
  title: 'VP Sales',
  emails: ['jane@acme.com', 'j.doe@acme.com'],
  phones: [{ value: '+14155550132', type: 'work' as const }],
};

describe('the popup’s provider form', () => {
  it('maps the contact, then lets the user’s own edits win', () => {
    const values = providerValues(openphone, jane, { source: 'trade-show', role: 'CRO' });
    expect(values).toMatchObject({ firstName: 'Jane', role: 'CRO', source: 'trade-show' });
    expect(shownValue(values.emails)).toBe('jane@acme.com, j.doe@acme.com');
  });

  it('ignores edits to list fields, which come from the contact details', () => {
    const values = providerValues(openphone, jane, { emails: 'nope' });
    expect(Array.isArray(values.emails)).toBe(true);
  });

  it('names the provider’s field and rule when a value is refused', () => {
    const result = checkValues(openphone, providerValues(openphone, jane, { source: 'csv-import' }));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors.source).toMatch(/^Source: OpenPhone reserves/);
    expect(checkValues(vixiees, providerValues(vixiees, jane, {})).ok).toBe(true);
  });

  it('turns typed custom fields into the types the provider takes', async () => {
    const { customFieldValues } = await import('@/lib/provider-form');
    const defs = [
      { key: 'deal-size', type: 'number' },
      { key: 'inbound', type: 'multi-select' },
      { key: 'vip', type: 'boolean' },
      { key: 'note', type: 'string' },
      { key: 'empty', type: 'string' },
    ];
    expect(
      customFieldValues(defs, { 'deal-size': '25000', inbound: 'Web, Show ,', vip: true, note: ' hi ', empty: '' }),
    ).toEqual([
      { key: 'deal-size', value: 25000 },
      { key: 'inbound', value: ['Web', 'Show'] },
      { key: 'vip', value: true },
      { key: 'note', value: 'hi' },
    ]);
    expect(customFieldValues(defs, { 'deal-size': 'lots' })).toEqual([]);
  });

  it('updates only empty fields, or overwrites, and never wipes a value with an empty one', async () => {
    const { changesFor, mergeForUpdate } = await import('@/lib/provider-form');
    const fields = openphone.fields;
    const current = { firstName: 'Jane', lastName: 'Doe', company: 'Acme', role: '' };
    const ours = { firstName: 'Janet', lastName: '', company: 'Acme Inc', role: 'CRO' };
    expect(mergeForUpdate(fields, current, ours, 'fill-empty')).toMatchObject({
      firstName: 'Jane',
      lastName: 'Doe',
      company: 'Acme',
      role: 'CRO',
    });
    expect(mergeForUpdate(fields, current, ours, 'overwrite')).toMatchObject({
      firstName: 'Janet',
      lastName: 'Doe',
      company: 'Acme Inc',
      role: 'CRO',
    });
    expect(changesFor(fields, current, ours, 'fill-empty').map((c) => c.key)).toEqual(['role']);
    expect(changesFor(fields, current, ours, 'overwrite').map((c) => `${c.label}: ${c.from} → ${c.to}`)).toEqual([
      'First name: Jane → Janet',
      'Company: Acme → Acme Inc',
      'Role:  → CRO',
    ]);
  });

  it('reads an id from a pasted id or link', () => {
    expect(idFromPasted(' 64f1c2ab ')).toBe('64f1c2ab');
    expect(idFromPasted('https://my.openphone.com/contacts/CT123abc')).toBe('CT123abc');
    expect(idFromPasted('not an id!')).toBeNull();
    expect(idFromPasted('')).toBeNull();
  });

  it('says where a person is known, and what happened to a send', () => {
    const year = new Date().getFullYear();
    expect(knownText('OpenPhone', `${year}-11-03T10:00:00.000Z`, 'en-GB')).toBe('In OpenPhone since 3 Nov');
    expect(knownText('OpenPhone', null)).toBe('Already in OpenPhone');
    expect(outcomeText('OpenPhone', 'Jane Doe', { state: 'delivered', error: null })).toEqual({
      text: 'Sent Jane Doe to OpenPhone.',
      error: false,
    });
    expect(outcomeText('OpenPhone', 'Jane Doe', { state: 'failed', error: 'The API key was refused.' }).error).toBe(
      true,
    );
    expect(outcomeText('OpenPhone', 'Jane Doe', { state: 'queued', error: null }).text).toMatch(/sent automatically/);
  });
});

describe('settings', () => {
  it('keeps a region, the provider the popup opens on and provider defaults; refuses a bad region', async () => {
    const { fakeBrowser } = await import('wxt/testing/fake-browser');
    fakeBrowser.reset();
    const { loadSettings, saveSettings } = await import('@/lib/settings');
    expect(await loadSettings()).toEqual({ lastProvider: 'local', region: null, defaults: {} });
    await saveSettings({ region: 'DE', lastProvider: 'cleartalk', defaults: { cleartalk: { tag: 'hot' } } });
    expect(await loadSettings()).toEqual({
      lastProvider: 'cleartalk',
      region: 'DE',
      defaults: { cleartalk: { tag: 'hot' } },
    });
    await expect(saveSettings({ region: 'Germany' })).rejects.toThrow();
    expect((await loadSettings()).region).toBe('DE');
  });

  it('fills a provider’s fields from a half-typed form, keeping only what is valid', async () => {
    const { blankForm, formSoFar } = await import('@/lib/form');
    const partial = formSoFar(
      {
        ...blankForm(),
        firstName: 'Nora',
        emails: ['nora@', 'nora@fjord.no'],
        phones: [{ value: '12', type: 'work' }],
      },
      'NO',
    );
    expect(partial).toMatchObject({ firstName: 'Nora', emails: ['nora@fjord.no'], phones: [] });
  });
});
