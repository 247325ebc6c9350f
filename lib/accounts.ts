import { storage } from 'wxt/utils/storage';
import { getProvider } from './providers/index';
import type { Credentials } from './providers/types';
import { z } from './zod';

/** A connected provider account. Read only by the background: no page, popup or injected script gets secrets. */
export const AccountSchema = z.object({
  baseUrl: z.string(),
  apiKey: z.string().optional(),
  clientId: z.string().optional(),
  clientSecret: z.string().optional(),
});
export type Account = z.infer<typeof AccountSchema>;

const accountsItem = storage.defineItem<Record<string, unknown>>('local:accounts', { fallback: {}, version: 1 });

/** https, or http on this machine only (tests and the mock providers). */
export function checkBaseUrl(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'That is not a web address.';
  }
  const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(parsed.hostname);
  if (parsed.protocol === 'https:' || (parsed.protocol === 'http:' && loopback)) return null;
  return 'Only https addresses are allowed (http only for 127.0.0.1 and localhost).';
}

export async function getAccount(providerId: string): Promise<{ baseUrl: string; credentials: Credentials } | null> {
  const provider = getProvider(providerId);
  if (!provider) return null;
  if (providerId === 'local') return { baseUrl: provider.defaultBaseUrl, credentials: {} };
  const parsed = AccountSchema.safeParse((await accountsItem.getValue())[providerId]);
  if (!parsed.success || checkBaseUrl(parsed.data.baseUrl)) return null;
  const { baseUrl, ...credentials } = parsed.data;
  return { baseUrl, credentials };
}

/** Saves an account; a secret left out keeps the saved one (the page never sees it, so it cannot send it back). */
export async function setAccount(providerId: string, account: Account): Promise<void> {
  const all = await accountsItem.getValue();
  const saved = AccountSchema.safeParse(all[providerId]);
  const previous = saved.success ? saved.data : {};
  const kept = Object.fromEntries(
    (['apiKey', 'clientId', 'clientSecret'] as const).flatMap((k) => {
      const value = account[k]?.trim() || previous[k as keyof typeof previous];
      return value ? [[k, value]] : [];
    }),
  );
  await accountsItem.setValue({ ...all, [providerId]: AccountSchema.parse({ baseUrl: account.baseUrl, ...kept }) });
}

/** The host permission pattern an API address needs ("https://api.openphone.com/*"; ports are not part of it). */
export function originPattern(baseUrl: string): string {
  const url = new URL(baseUrl);
  return `${url.protocol}//${url.hostname}/*`;
}

export async function removeAccount(providerId: string): Promise<void> {
  const { [providerId]: _, ...rest } = await accountsItem.getValue();
  await accountsItem.setValue(rest);
}

/** Which providers are connected, without their secrets (safe to hand to a page). */
export async function connectedProviders(): Promise<Array<{ providerId: string; baseUrl: string; keyEnding: string }>> {
  const all = await accountsItem.getValue();
  return Object.entries(all).flatMap(([providerId, value]) => {
    const parsed = AccountSchema.safeParse(value);
    if (!parsed.success) return [];
    const secret = parsed.data.apiKey ?? parsed.data.clientSecret ?? '';
    return [{ providerId, baseUrl: parsed.data.baseUrl, keyEnding: secret.length > 8 ? secret.slice(-4) : '' }];
  });
}
