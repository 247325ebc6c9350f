import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { deleteContact, listContacts, saveContact } from '@/lib/address-book';
import { type ContactInput, emptyContactInput } from '@/lib/contact';

const person = (over: Partial<ContactInput>): ContactInput => ({ ...emptyContactInput(), ...over });

describe('local address book', () => {
  beforeEach(() => fakeBrowser.reset());

  it('lists contacts newest first', async () => {
    await saveContact(person({ firstName: 'Ann', emails: ['ann@acme.com'] }), new Date('2026-01-01T00:00:00Z'));
    await saveContact(person({ firstName: 'Bob', emails: ['bob@acme.com'] }), new Date('2026-01-02T00:00:00Z'));
    expect((await listContacts()).map((c) => c.firstName)).toEqual(['Bob', 'Ann']);
  });

  it('updates the same person instead of adding a duplicate', async () => {
    const first = await saveContact(person({ firstName: 'Ann', company: 'Acme', emails: ['ann@acme.com'] }));
    const second = await saveContact(
      person({
        firstName: 'Ann',
        lastName: 'Lee',
        emails: ['ann@acme.com'],
        phones: [{ value: '+14155550100', type: 'work' }],
      }),
    );
    expect(first.status).toBe('created');
    expect(second.status).toBe('updated');
    const contacts = await listContacts();
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ id: first.contact.id, lastName: 'Lee', company: 'Acme' });
  });

  it('loses nothing when many saves arrive at once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => saveContact(person({ firstName: `P${i}`, emails: [`p${i}@acme.com`] }))),
    );
    expect(await listContacts()).toHaveLength(20);
  });

  it('deletes by id', async () => {
    const { contact } = await saveContact(person({ firstName: 'Ann', emails: ['ann@acme.com'] }));
    expect(await deleteContact(contact.id)).toBe(true);
    expect(await deleteContact(contact.id)).toBe(false);
    expect(await listContacts()).toEqual([]);
  });

  it('skips a stored record that no longer parses instead of failing the whole book', async () => {
    await saveContact(person({ firstName: 'Ann', emails: ['ann@acme.com'] }));
    const stored = (await fakeBrowser.storage.local.get('addressBook')).addressBook as unknown[];
    await fakeBrowser.storage.local.set({ addressBook: [{ broken: true }, ...stored] });
    expect((await listContacts()).map((c) => c.firstName)).toEqual(['Ann']);
  });
});
