import { storage } from 'wxt/utils/storage';
import { z } from './zod';

/** The user's choices that outlive a popup: which provider it opens on. */
const SettingsSchema = z.object({ lastProvider: z.string().max(40).default('local') });
export type Settings = z.infer<typeof SettingsSchema>;

const settingsItem = storage.defineItem<unknown>('local:settings', { fallback: {} });

export async function loadSettings(): Promise<Settings> {
  const parsed = SettingsSchema.safeParse(await settingsItem.getValue());
  return parsed.success ? parsed.data : SettingsSchema.parse({});
}

export async function saveSettings(change: Partial<Settings>): Promise<void> {
  await settingsItem.setValue({ ...(await loadSettings()), ...change });
}
