import { checkBaseUrl } from './base-url';
import { cleanKey } from './providers/http';
import { getProvider } from './providers/index';
import { secretForms } from './providers/secrets';
import type { Credentials } from './providers/types';
import { defineStored, setAside, write } from './stored';
import { z } from './zod';

/**
 * A connected provider account. Read only by the background: no page, popup or injected script gets secrets (the
 * pages check an address with lib/base-url.ts and never load this module).
 */
export const AccountSchema = z.object({
  baseUrl: z.string(),
  apiKey: z.string().optional(),
  clientId: z.string().optional(),
  clientSecret: z.string().optional(),
});
export type Account = z.infer<typeof AccountSchema>;

/**
 * v1: secrets stored as pasted (quotes, "Bearer ", spaces), cleaned only when sent. v2: stored as sent, so the
 * ending Settings shows and every mask match what a server saw.
 */
export const ACCOUNTS_VERSION = 2;
const accountsItem = defineStored('local:accounts', {
  fallback: {},
  version: ACCOUNTS_VERSION,
  migrations: { 2: cleanStoredSecrets },
});

function cleanStoredSecrets(old: unknown): unknown {
  if (typeof old !== 'object' || old === null || Array.isArray(old)) return old;
  return Object.fromEntries(
    Object.entries(old as Record<string, unknown>).map(([providerId, account]) => {
      if (typeof account !== 'object' || account === null) return [providerId, account];
      const cleaned: Record<string, unknown> = { ...account };
      for (const k of ['apiKey', 'clientId', 'clientSecret'])
        if (typeof cleaned[k] === 'string') cleaned[k] = cleanKey(cleaned[k] as string);
      return [providerId, cleaned];
    }),
  );
}

/** The saved accounts that can be read, by a provider id of the registry; anything else is set aside. */
async function readAccounts(): Promise<Record<string, Account>> {
  const raw = await accountsItem.getValue();
  const source = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const good: Record<string, Account> = {};
  const bad: unknown[] = source === raw || raw === undefined || raw === null ? [] : ['(not a set of accounts)'];
  for (const [providerId, value] of Object.entries(source)) {
    const parsed = AccountSchema.safeParse(value);
    if (parsed.success && getProvider(providerId) && !getProvider(providerId)?.inBrowser)
      good[providerId] = parsed.data;
    else bad.push({ [providerId.slice(0, 40)]: '(unreadable account; its secrets are not kept here)' });
  }
  // An unreadable account is set aside without its secrets: only that it was there.
  if (bad.length > 0) await setAside('accounts', bad);
  return good;
}

export async function getAccount(providerId: string): Promise<{ baseUrl: string; credentials: Credentials } | null> {
  const provider = getProvider(providerId);
  if (!provider) return null;
  if (provider.inBrowser) return { baseUrl: provider.defaultBaseUrl, credentials: {} };
  const accounts = await readAccounts();
  const account = Object.hasOwn(accounts, providerId) ? accounts[providerId] : undefined;
  if (!account || checkBaseUrl(account.baseUrl)) return null;
  const { baseUrl, ...credentials } = account;
  return { baseUrl, credentials };
}

/** Saves an account; a secret left out keeps the saved one (the page never sees it, so it cannot send it back). */
export async function setAccount(providerId: string, account: Account): Promise<void> {
  const all = await readAccounts();
  const previous: Partial<Account> = Object.hasOwn(all, providerId) ? (all[providerId] as Account) : {};
  const kept = Object.fromEntries(
    (['apiKey', 'clientId', 'clientSecret'] as const).flatMap((k) => {
      // Stored as it is sent (no quotes, no "Bearer "): what Settings shows the end of is what the server saw.
      const value = cleanKey(account[k]) || previous[k as keyof typeof previous];
      return value ? [[k, value]] : [];
    }),
  );
  await write(accountsItem, { ...all, [providerId]: AccountSchema.parse({ baseUrl: account.baseUrl, ...kept }) });
}

export async function removeAccount(providerId: string): Promise<void> {
  const { [providerId]: _, ...rest } = await readAccounts();
  await write(accountsItem, rest);
}

/** Which providers are connected, without their secrets (safe to hand to a page). */
export async function connectedProviders(): Promise<Array<{ providerId: string; baseUrl: string; keyEnding: string }>> {
  return Object.entries(await readAccounts()).map(([providerId, account]) => {
    const secret = account.apiKey ?? account.clientSecret ?? '';
    return { providerId, baseUrl: account.baseUrl, keyEnding: secret.length > 8 ? secret.slice(-4) : '' };
  });
}

/** Every form of every saved secret: masked out of anything the background hands to a page. */
export async function storedSecrets(): Promise<string[]> {
  // Every stored value that looks like a secret, readable account or not.
  const raw = await accountsItem.getValue();
  const values = typeof raw === 'object' && raw !== null ? Object.values(raw as Record<string, unknown>) : [];
  return values.flatMap((value) => {
    if (typeof value !== 'object' || value === null) return [];
    const { apiKey, clientSecret } = value as Record<string, unknown>;
    return [apiKey, clientSecret].flatMap((s) => (typeof s === 'string' ? secretForms(s) : []));
  });
}
