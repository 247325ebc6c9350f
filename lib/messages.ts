import { browser } from 'wxt/browser';
import type { SaveOutcome } from './address-book';
import type { Finished } from './capture-finish';
import { type Contact, ContactInputSchema } from './contact';
import type { NextStep } from './failure';
import { getProvider } from './providers/index';
import { lazy, z } from './zod';

/**
 * Every message the extension's pages send to the background: one map, validated on arrival. Built on first use:
 * only the worker validates messages (lib/zod.ts lazy).
 */
export const messageSchema = lazy(() => {
  // A provider id names one in the registry (an own property: "constructor" or "__proto__" is not one).
  const providerId = z
    .string()
    .min(1)
    .max(40)
    .refine((id) => getProvider(id) !== null, { message: 'unknown provider' });
  return z.discriminatedUnion('type', [
    z.object({ type: z.literal('addressBook.save'), contact: ContactInputSchema }),
    z.object({ type: z.literal('addressBook.delete'), id: z.string().min(1).max(100) }),
    /**
     * Queue sends (one or a bulk) to a provider. The reply comes once they are stored and tried (or after a few
     * seconds); the page follows their outcome in storage by id (lib/delivery/outcomes.ts), since a reply can be lost.
     */
    z.object({
      type: z.literal('outbox.send'),
      providerId,
      sends: z
        .array(
          z.object({
            /** The page's own id for this send: asking again with it after a lost reply adds nothing. */
            id: z.uuid().optional(),
            /** A create the history already knows goes anyway (the user chose "create new" over the known one). */
            allowAgain: z.boolean().optional(),
            action: z.enum(['create', 'update']),
            remoteId: z.string().max(200).nullable(),
            contact: ContactInputSchema,
            values: z.record(z.string(), z.unknown()),
          }),
        )
        .min(1)
        .max(200),
    }),
    z.object({ type: z.literal('outbox.resolve'), id: z.string().max(100), choice: z.enum(['retry', 'discard']) }),
    /** Is this person already in the provider (our history, then a lookup by external id)? */
    z.object({ type: z.literal('provider.check'), providerId, contact: ContactInputSchema }),
    /** The same for a list's rows: history first, then one lookup for the rest where the provider can (≤ 200). */
    z.object({ type: z.literal('provider.checkMany'), providerId, contacts: z.array(ContactInputSchema).max(200) }),
    z.object({
      type: z.literal('accounts.set'),
      providerId,
      account: z.object({
        baseUrl: z.string().max(500),
        apiKey: z.string().max(500).optional(),
        clientId: z.string().max(500).optional(),
        clientSecret: z.string().max(500).optional(),
      }),
    }),
    z.object({ type: z.literal('accounts.remove'), providerId }),
    /** A provider's own custom field definitions (OpenPhone), to offer them by type in the popup. */
    z.object({ type: z.literal('provider.customFields'), providerId }),
    /** A harmless authenticated request with the saved account: are the key and address right? */
    z.object({ type: z.literal('provider.test'), providerId }),
    z.object({ type: z.literal('accounts.list') }),
    /**
     * What the extraction script returned in a tab, to be finished into people (lib/capture-finish.ts): checked
     * there, as it comes from a stranger's page; the marked-up parts as the popup read them (extension/wire.ts).
     */
    z.object({
      type: z.literal('capture.finish'),
      raw: z.unknown(),
      region: z.string().max(2).nullable(),
      markup: z.unknown(),
    }),
  ]);
});

export type Message = z.infer<ReturnType<typeof messageSchema>>;

/** A custom field a provider's account defines: OpenPhone's `{ name, key, type }`. */
export interface CustomFieldDef {
  key: string;
  name: string;
  type: 'address' | 'boolean' | 'date' | 'multi-select' | 'number' | 'string' | 'url';
}

/** What the background answers to each message type. */
export interface SendOutcome {
  id: string;
  state: 'delivered' | 'queued' | 'in-flight' | 'unknown' | 'may-exist' | 'failed';
  remoteId: string | null;
  error: string | null;
  /** When this person was already created in the provider (the send was not made again), else null. */
  already: string | null;
  /** What the user can do about a failure (lib/failure.ts), from its kind. */
  next: NextStep;
}

export interface Replies {
  'addressBook.save': SaveOutcome;
  'addressBook.delete': { deleted: boolean };
  'outbox.send': SendOutcome[];
  'outbox.resolve': { resolved: boolean };
  'provider.check': { remoteId: string; since: string | null; via: 'history' | 'lookup' } | null;
  'provider.checkMany': Array<{ remoteId: string; since: string | null; via: 'history' | 'lookup' } | null>;
  'accounts.set': { saved: true };
  'accounts.remove': { removed: true };
  'provider.test': { connected: boolean; message: string };
  'provider.customFields': CustomFieldDef[];
  'accounts.list': Array<{ providerId: string; baseUrl: string; keyEnding: string }>;
  'capture.finish': Finished;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

/** Sends a message to the background and returns its reply; a dead or missing background is an error value. */
export async function sendMessage<M extends Message>(
  message: M,
  /** How long to wait for the reply; a worker stopped in the middle of answering may never give one. */
  withinMs = 30_000,
): Promise<Reply<Replies[M['type']]>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no answer in time')), withinMs);
  });
  try {
    const reply = (await Promise.race([browser.runtime.sendMessage(message), late])) as
      | Reply<Replies[M['type']]>
      | undefined;
    return reply ?? { ok: false, error: 'The extension did not answer. Reload the extension and try again.' };
  } catch (error) {
    return { ok: false, error: `The extension could not be reached (${errorText(error)}). Try again.` };
  } finally {
    clearTimeout(timer);
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export type { Contact };
