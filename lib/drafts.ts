import { storage } from 'wxt/utils/storage';
import type { ContactForm } from './form';

/** What the user was typing for one tab; kept for the browser session so a closed popup loses nothing. */
export interface Draft {
  url: string;
  selected: number;
  form: ContactForm;
  /** The provider the draft is for, and what was typed into its own fields. */
  providerId?: string;
  overrides?: Record<string, unknown>;
}

const key = (tabId: number) => `session:draft:${tabId}` as const;

export async function loadDraft(tabId: number, url: string): Promise<Draft | null> {
  const draft = await storage.getItem<Draft>(key(tabId));
  return draft && draft.url === url ? draft : null;
}

export function saveDraft(tabId: number, draft: Draft): Promise<void> {
  return storage.setItem(key(tabId), draft);
}

export function clearDraft(tabId: number): Promise<void> {
  return storage.removeItem(key(tabId));
}
