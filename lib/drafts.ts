import { storage } from 'wxt/utils/storage';
import { PHONE_TYPES } from './capture-result';
import type { ContactForm } from './form';
import { z } from './zod';

/** What the user was typing for one tab; kept for the browser session so a closed popup loses nothing. */
export interface Draft {
  url: string;
  selected: number;
  form: ContactForm;
  /** The provider the draft is for, and what was typed into its own fields. */
  providerId?: string;
  overrides?: Record<string, unknown>;
}

/**
 * Drafts live in session storage, which the browser empties when the extension is updated or reloaded: a draft
 * never meets a newer version of this code, so it has no version of its own. One key per tab.
 */
const key = (tabId: number) => `session:draft:${tabId}` as const;

const text = z.string().max(20_000);
/** A draft is read back only if it is the shape we wrote: a bad one is no draft (the page's capture is used). */
const DraftSchema = z.object({
  url: z.string().max(10_000),
  selected: z.number().int().min(0).max(10_000),
  form: z.object({
    firstName: text,
    lastName: text,
    company: text,
    title: text,
    emails: z.array(text).max(200),
    phones: z.array(z.object({ value: text, type: z.enum(PHONE_TYPES) })).max(200),
    website: text,
    notes: text,
  }),
  providerId: z.string().max(40).optional(),
  overrides: z.record(z.string(), z.unknown()).optional(),
});

export async function loadDraft(tabId: number, url: string): Promise<Draft | null> {
  const parsed = DraftSchema.safeParse(await storage.getItem<unknown>(key(tabId)).catch(() => null));
  return parsed.success && parsed.data.url === url ? (parsed.data as Draft) : null;
}

export function saveDraft(tabId: number, draft: Draft): Promise<void> {
  return storage.setItem(key(tabId), draft);
}

export function clearDraft(tabId: number): Promise<void> {
  return storage.removeItem(key(tabId));
}
