import { cleanKey } from './providers/http';
import { getProvider } from './providers/index';
import { secretForms } from './providers/secrets';
import type { Credentials } from './providers/types';
import { defineStored, setAside, write } from './stored';
import { z } from './zod';

/** A connected provider account. Read only by the background: no page, popup or injected script gets secrets. */
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

/** The production build talks to https providers only; development and test builds also to this machine's mocks. */
const LOOPBACK_ALLOWED = import.meta.env.MODE !== 'production';

/**
 * Why a provider address is refused (null when it is fine): https only (http on 127.0.0.1 or localhost in
 * development and test builds), a plain host name (no user name or password, no query or fragment), no spaces.
 */
export function checkBaseUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'That is not a web address.';
  }
  if (/\s/.test(url)) return 'A provider address has no spaces.';
  const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(parsed.hostname);
  const scheme = parsed.protocol === 'https:' || (parsed.protocol === 'http:' && loopback && LOOPBACK_ALLOWED);
  if (!scheme)
    return LOOPBACK_ALLOWED
      ? 'Only https addresses are allowed (http only for 127.0.0.1 and localhost).'
      : 'Only https addresses are allowed.';
  if (parsed.username || parsed.password || url.includes('@'))
    return 'A provider address carries no user name or password: put the key in its own field.';
  if (parsed.search || parsed.hash || /[?#]/.test(url)) return 'A provider address has no query (?…) or fragment (#…).';
  // A host name of letters, digits, dots and hyphens with a dot in it (api.openphone.com), or this machine.
  if (!loopback && !/^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/.test(parsed.hostname))
    return `“${parsed.hostname.slice(0, 60)}” is not a provider’s host name.`;
  return null;
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

/** The host permission pattern an API address needs ("https://api.openphone.com/*"; ports are not part of it). */
export function originPattern(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.protocol}//${url.hostname}/*`;
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
