import { storage } from 'wxt/utils/storage';
import { getProvider, IN_BROWSER_ID } from './providers/index';
import { readFields, write } from './stored';
import { z } from './zod';

/** The user's choices that outlive a popup. */
const FIELDS = {
  /** The provider the popup opens on (the last one used, or the one chosen in Settings). */
  lastProvider: z.string().max(40),
  /** How numbers without a country code are read: a region (ISO 3166-1 alpha-2), or null for the page's own. */
  region: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .nullable(),
  /** Values every send to a provider starts from (OpenPhone source, ClearTalk list and tag, Vixiees opt-ins…). */
  defaults: z.record(z.string(), z.record(z.string(), z.unknown())),
};
const SettingsSchema = z.object(FIELDS);
export type Settings = z.infer<typeof SettingsSchema>;
const DEFAULTS: Settings = { lastProvider: IN_BROWSER_ID, region: null, defaults: {} };

const settingsItem = storage.defineItem<unknown>('local:settings', { fallback: {} });

/** Field by field: one unreadable setting (`region: "usa"`) takes its default and keeps every other. */
export async function loadSettings(): Promise<Settings> {
  return readFields('settings', await settingsItem.getValue(), FIELDS, DEFAULTS);
}

export async function saveSettings(change: Partial<Settings>): Promise<void> {
  await write(settingsItem, SettingsSchema.parse({ ...(await loadSettings()), ...change }));
}

/** The provider fields worth a default: what describes where a contact came from or how to treat it, not who. */
export function defaultableFields(providerId: string): string[] {
  return getProvider(providerId)?.defaultable ?? [];
}
