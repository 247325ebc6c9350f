import type { ContactInput } from '../contact';

/**
 * The external id every contact we create carries. Derived from the person's first email (else phone), so the
 * same person captured twice, on any machine, gets the same id and a lookup finds the first copy; a random id
 * only when there is neither.
 */
export function externalIdFor(contact: Pick<ContactInput, 'emails' | 'phones'>): string {
  const email = contact.emails[0]?.trim().toLowerCase();
  if (email) return `ctc-e-${digest(email)}`;
  const phone = contact.phones[0]?.value;
  if (phone) return `ctc-p-${digest(phone)}`;
  return `ctc-r-${crypto.randomUUID().replace(/-/g, '').slice(0, 24)}`;
}

/** A 96-bit FNV-1a-style digest in hex: stable, synchronous and short (ids are limited to 75 characters). */
function digest(text: string): string {
  const parts = [0x811c9dc5, 0x01000193 ^ 0x5bd1e995, 0x9e3779b9].map((seed) => {
    let h = seed >>> 0;
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    h ^= h >>> 15;
    h = Math.imul(h, 0x2c1b3c6d) >>> 0;
    h ^= h >>> 12;
    return (h >>> 0).toString(16).padStart(8, '0');
  });
  return parts.join('');
}
