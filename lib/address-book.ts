import { type Contact, type ContactInput, ContactSchema } from './contact';
import { defineStored, readRows, serial, write } from './stored';

/** The built-in local address book: contacts kept in the browser's extension storage, newest first. */
/** v1 is the only version so far; a change to a contact's shape adds a version and its migration here. */
export const ADDRESS_BOOK_VERSION = 1;
const addressBookItem = defineStored('local:addressBook', {
  fallback: [],
  version: ADDRESS_BOOK_VERSION,
  migrations: {},
});

export async function listContacts(): Promise<Contact[]> {
  // A record that no longer parses is set aside (lib/stored.ts) rather than breaking the whole book.
  return readRows('addressBook', await addressBookItem.getValue(), ContactSchema);
}

export function watchContacts(callback: (contacts: Contact[]) => void): () => void {
  return addressBookItem.watch(() => void listContacts().then(callback));
}

export interface SaveOutcome {
  status: 'created' | 'updated';
  contact: Contact;
}

/** Read-modify-write of the book, one at a time, so two saves never overwrite each other. */
const exclusive = serial();

/** Saves a contact; the same person (same email or phone) is updated, never added twice. */
export function saveContact(input: ContactInput, now = new Date()): Promise<SaveOutcome> {
  return exclusive(async () => {
    const contacts = await listContacts();
    const at = now.toISOString();
    const index = contacts.findIndex((c) => isSamePerson(c, input));
    if (index >= 0) {
      const existing = contacts[index] as Contact;
      const contact = ContactSchema.parse(mergeInto(existing, input, at));
      contacts.splice(index, 1);
      contacts.unshift(contact);
      await write(addressBookItem, contacts);
      return { status: 'updated', contact };
    }
    const contact = ContactSchema.parse({ ...input, id: crypto.randomUUID(), createdAt: at, updatedAt: at });
    contacts.unshift(contact);
    await write(addressBookItem, contacts);
    return { status: 'created', contact };
  });
}

export function deleteContact(id: string): Promise<boolean> {
  return exclusive(async () => {
    const contacts = await listContacts();
    const kept = contacts.filter((c) => c.id !== id);
    await write(addressBookItem, kept);
    return kept.length !== contacts.length;
  });
}

/** The same person: a shared e-mail or phone. */
export function isSamePerson(c: Contact, input: Pick<ContactInput, 'emails' | 'phones'>): boolean {
  return (
    c.emails.some((e) => input.emails.includes(e)) ||
    c.phones.some((p) => input.phones.some((q) => q.value === p.value))
  );
}

/** What the user just confirmed wins; details the form did not carry are kept. */
function mergeInto(existing: Contact, input: ContactInput, at: string): Contact {
  const pick = (next: string, old: string) => (next !== '' ? next : old);
  return {
    ...existing,
    firstName: pick(input.firstName, existing.firstName),
    lastName: pick(input.lastName, existing.lastName),
    company: pick(input.company, existing.company),
    title: pick(input.title, existing.title),
    website: pick(input.website, existing.website),
    capturedAt: pick(input.capturedAt, existing.capturedAt),
    notes: pick(input.notes, existing.notes),
    emails: [...new Set([...input.emails, ...existing.emails])],
    phones: [...input.phones, ...existing.phones.filter((p) => !input.phones.some((q) => q.value === p.value))],
    updatedAt: at,
  };
}
