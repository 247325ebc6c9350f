import { useEffect, useState } from 'preact/hooks';
import { listContacts, watchContacts } from '@/lib/address-book';
import { type Contact, displayName } from '@/lib/contact';
import { contactsToCsv, contactsToVcard } from '@/lib/export';
import { readablePhone } from '@/lib/form';
import { sendMessage } from '@/lib/messages';

/** The local address book: newest first, exportable as CSV and vCard. */
export function AddressBook() {
  const [contacts, setContacts] = useState<Contact[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [query, setQuery] = useState('');

  useEffect(() => {
    void listContacts().then(setContacts);
    return watchContacts(setContacts);
  }, []);

  const remove = async (contact: Contact) => {
    if (!window.confirm(`Delete ${displayName(contact)} from the address book?`)) return;
    const reply = await sendMessage({ type: 'addressBook.delete', id: contact.id });
    setError(reply.ok ? null : reply.error);
  };

  if (contacts === null) return <p role="status">Loading…</p>;
  const shown = contacts.filter((c) => matches(c, query));
  return (
    <section aria-labelledby="address-book-heading">
      <div class="section-head">
        <h2 id="address-book-heading">Local address book</h2>
        <div class="actions">
          <button
            type="button"
            disabled={contacts.length === 0}
            onClick={() => download('contacts.csv', 'text/csv', contactsToCsv(contacts))}
          >
            Export CSV
          </button>
          <button
            type="button"
            disabled={contacts.length === 0}
            onClick={() => download('contacts.vcf', 'text/vcard', contactsToVcard(contacts))}
          >
            Export vCard
          </button>
        </div>
      </div>
      {error && <p class="status error">{error}</p>}
      {contacts.length > 0 && (
        <div class="field search">
          <label for="address-book-search">Search the address book</label>
          <input
            id="address-book-search"
            type="search"
            value={query}
            placeholder="Name, email, phone or company"
            onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
          />
          <p class="help" aria-live="polite">
            {query.trim() ? `${shown.length} of ${contacts.length} contacts` : `${contacts.length} contacts`}
          </p>
        </div>
      )}
      {contacts.length === 0 ? (
        <p>No contacts yet. Open a lead page, click the toolbar button and save someone.</p>
      ) : (
        <table>
          <caption class="visually-hidden">Saved contacts, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Job title</th>
              <th scope="col">Company</th>
              <th scope="col">Emails</th>
              <th scope="col">Phones</th>
              <th scope="col">Saved</th>
              <th scope="col">
                <span class="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <tr key={c.id}>
                <th scope="row">{displayName(c)}</th>
                <td>{c.title}</td>
                <td>{c.company}</td>
                <td>{c.emails.join(', ')}</td>
                <td>{c.phones.map((p) => readablePhone(p.value)).join(', ')}</td>
                <td>
                  <time dateTime={c.updatedAt}>{new Date(c.updatedAt).toLocaleString()}</time>
                </td>
                <td>
                  <button
                    type="button"
                    class="link"
                    aria-label={`Delete ${displayName(c)}`}
                    onClick={() => void remove(c)}
                  >
                    Delete
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** Every word typed must appear in the name, title, company, an email or a phone (digits compared alone). */
export function matches(contact: Contact, query: string): boolean {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = [displayName(contact), contact.title, contact.company, ...contact.emails].join(' ').toLowerCase();
  const digits = contact.phones.map((p) => p.value.replace(/\D/g, '')).join(' ');
  return words.every((w) => text.includes(w) || (/\d{3,}/.test(w) && digits.includes(w.replace(/\D/g, ''))));
}

function download(filename: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
