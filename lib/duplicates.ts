import type { ContactInput } from './contact';
import { knownIn, type SendRecord } from './history';
import { externalIdFor } from './providers/external-id';

export type Existing = { remoteId: string; since: string | null; via: 'history' | 'lookup' };

/**
 * Before a create: is this person already in the provider? First our own history (email or phone → remote id),
 * then the provider itself by the external id we give every contact, where its API can search by it.
 */
export async function findExisting(
  providerId: string,
  contact: ContactInput,
  history: SendRecord[],
  lookup: ((externalId: string) => Promise<string | null>) | null,
): Promise<Existing | null> {
  const known = knownIn(history, providerId, { emails: contact.emails, phones: contact.phones.map((p) => p.value) });
  if (known) return { ...known, via: 'history' };
  if (!lookup) return null;
  const remoteId = await lookup(externalIdFor(contact));
  return remoteId ? { remoteId, since: null, via: 'lookup' } : null;
}
