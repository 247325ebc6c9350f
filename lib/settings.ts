import { getProvider, IN_BROWSER_ID } from './providers/index';
import { defineStored, readFields, write } from './stored';
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

/** v1 (settings stored before versions were recorded read as v1): the only version so far. */
export const SETTINGS_VERSION = 1;
const settingsItem = defineStored('local:settings', { fallback: {}, version: SETTINGS_VERSION, migrations: {} });

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
