import { getAccount } from '../accounts';
import { ContactInputSchema } from '../contact';
import { findExisting } from '../duplicates';
import { listHistory } from '../history';
import type { CustomFieldDef } from '../messages';
import { perform, probeConnection } from '../providers/client';
import { externalIdFor } from '../providers/external-id';
import { getProvider } from '../providers/index';
import { deps, paced } from './deps';

/** What the worker asks a provider outside the outbox: Test connection, custom fields, is this person known. */
/** "Test connection": the provider's probe with the saved account, and a sentence about what it showed. */
export async function testConnection(providerId: string): Promise<{ connected: boolean; message: string }> {
  const provider = getProvider(providerId);
  if (!provider) return { connected: false, message: `Unknown provider ${providerId}.` };
  const account = await getAccount(providerId);
  if (!account) return { connected: false, message: `${provider.label} is not connected: save its key first.` };
  return paced(provider, () => probeConnection(provider, account, deps.transport, deps.tokens));
}

/** The account's custom field definitions, where the provider has them (OpenPhone); none when it cannot say. */
export async function customFieldsOf(providerId: string): Promise<CustomFieldDef[]> {
  const provider = getProvider(providerId);
  const fields = provider?.customFields;
  if (!provider || !fields) return [];
  const account = await getAccount(providerId);
  if (!account) return [];
  const result = await paced(provider, () =>
    perform(provider, fields.request, account, deps.transport, deps.tokens, () => null),
  ).catch(() => null);
  return result?.ok ? (fields.read(result.body) ?? []) : [];
}

export async function checkExisting(providerId: string, contact: unknown) {
  const provider = getProvider(providerId);
  if (!provider) return null;
  const person = ContactInputSchema.parse(contact);
  const account = await getAccount(providerId);
  const lookup =
    provider.lookup && provider.readLookup && account
      ? async (externalId: string) => {
          const result = await paced(provider, () =>
            perform(
              provider,
              (ctx) => (provider.lookup as NonNullable<typeof provider.lookup>)(externalId, ctx),
              account,
              deps.transport,
              deps.tokens,
              provider.readLookup,
            ),
          ).catch(() => null);
          return result?.ok ? result.remoteId : null;
        }
      : null;
  return findExisting(providerId, person, await listHistory(), lookup);
}

/**
 * A list's rows: each known from our history, and the rest by one lookup of their external ids where the provider
 * can ask for several at once (OpenPhone); a failed lookup leaves them unknown, never an error for the list.
 */
export async function checkExistingMany(providerId: string, contacts: unknown[]) {
  const provider = getProvider(providerId);
  if (!provider) return contacts.map(() => null);
  const people = contacts.map((c) => ContactInputSchema.parse(c));
  const history = await listHistory();
  const rows = await Promise.all(people.map((p) => findExisting(providerId, p, history, null)));
  const many = provider.lookupMany;
  const account = many ? await getAccount(providerId) : null;
  if (!many || !account) return rows;
  // Only a person with an e-mail or a phone has an external id we could have given them.
  const wanted = people
    .map((p, i) => ({ i, externalId: p.emails.length + p.phones.length > 0 ? externalIdFor(p) : null }))
    .filter((w): w is { i: number; externalId: string } => rows[w.i] === null && w.externalId !== null)
    .slice(0, many.max);
  if (wanted.length === 0) return rows;
  const result = await paced(provider, () =>
    perform(
      provider,
      (ctx) =>
        many.request(
          wanted.map((w) => w.externalId),
          ctx,
        ),
      account,
      deps.transport,
      deps.tokens,
      () => null,
    ),
  ).catch(() => null);
  if (!result?.ok) return rows;
  const found = new Map(many.read(result.body).map((f) => [f.externalId, f.remoteId]));
  for (const w of wanted) {
    const remoteId = found.get(w.externalId);
    if (remoteId) rows[w.i] = { remoteId, since: null, via: 'lookup' };
  }
  return rows;
}
