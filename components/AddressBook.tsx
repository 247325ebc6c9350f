import { useEffect, useState } from 'preact/hooks';
import { listContacts, watchContacts } from '@/lib/address-book';
import { type Contact, displayName } from '@/lib/contact';
import { contactsToCsv, contactsToVcard } from '@/lib/export';
import { readablePhone } from '@/lib/form';
import { t } from '@/lib/i18n';
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
    if (!window.confirm(t('confirmDelete', displayName(contact)))) return;
    const reply = await sendMessage({ type: 'addressBook.delete', id: contact.id });
    setError(reply.ok ? null : reply.error);
  };

  if (contacts === null) return <p role="status">{t('loading')}</p>;
  const shown = contacts.filter((c) => matches(c, query));
  return (
    <section aria-labelledby="address-book-heading">
      <div class="section-head">
        <h2 id="address-book-heading">{t('localAddressBook')}</h2>
        <div class="actions">
          <button
            type="button"
            disabled={contacts.length === 0}
            onClick={() => download('contacts.csv', 'text/csv', contactsToCsv(contacts))}
          >
            {t('exportCsv')}
          </button>
          <button
            type="button"
            disabled={contacts.length === 0}
            onClick={() => download('contacts.vcf', 'text/vcard', contactsToVcard(contacts))}
          >
            {t('exportVcard')}
          </button>
        </div>
      </div>
      {error && <p class="status error">{error}</p>}
      {contacts.length > 0 && (
        <div class="field search">
          <label for="address-book-search">{t('searchBook')}</label>
          <input
            id="address-book-search"
            type="search"
            value={query}
            placeholder={t('searchPlaceholder')}
            onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
          />
          <p class="help" aria-live="polite">
            {query.trim()
              ? t('nOfMContacts', shown.length, contacts.length)
              : contacts.length === 1
                ? t('oneContact')
                : t('nContacts', contacts.length)}
          </p>
        </div>
      )}
      {contacts.length === 0 ? (
        <p>{t('noContacts')}</p>
      ) : (
        <table>
          <caption class="visually-hidden">{t('savedContactsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colName')}</th>
              <th scope="col">{t('colJobTitle')}</th>
              <th scope="col">{t('colCompany')}</th>
              <th scope="col">{t('colEmails')}</th>
              <th scope="col">{t('colPhones')}</th>
              <th scope="col">{t('colFoundOn')}</th>
              <th scope="col">{t('colSaved')}</th>
              <th scope="col">
                <span class="visually-hidden">{t('colActions')}</span>
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
                  <FoundOn contact={c} />
                </td>
                <td>
                  <time dateTime={c.updatedAt}>{new Date(c.updatedAt).toLocaleString()}</time>
                </td>
                <td>
                  <button
                    type="button"
                    class="link"
                    aria-label={t('deleteName', displayName(c))}
                    onClick={() => void remove(c)}
                  >
                    {t('delete')}
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

export function download(filename: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The page a contact was read from, and when: "where did you get my data?" answered from the book itself. */
function FoundOn({ contact }: { contact: Contact }) {
  let host = '';
  try {
    const url = new URL(contact.website);
    if (url.protocol === 'https:' || url.protocol === 'http:') host = url.hostname;
  } catch {
    // Typed by hand, or no page: nothing to link.
  }
  if (!host) return null;
  return (
    <>
      <a href={contact.website} target="_blank" rel="noopener noreferrer">
        {host}
      </a>
      {contact.capturedAt && (
        <>
          {' '}
          <time dateTime={contact.capturedAt}>{new Date(contact.capturedAt).toLocaleString()}</time>
        </>
      )}
    </>
  );
}
