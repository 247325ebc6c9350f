import { browser } from 'wxt/browser';
import type { SaveOutcome } from './address-book';
import { type Contact, ContactInputSchema } from './contact';
import { z } from './zod';

/** Every message the extension's pages send to the background: one map, validated on arrival. */
export const MessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('addressBook.save'), contact: ContactInputSchema }),
  z.object({ type: z.literal('addressBook.delete'), id: z.string().min(1).max(100) }),
]);

export type Message = z.infer<typeof MessageSchema>;

/** What the background answers to each message type. */
export interface Replies {
  'addressBook.save': SaveOutcome;
  'addressBook.delete': { deleted: boolean };
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: string };

/** Sends a message to the background and returns its reply; a dead or missing background is an error value. */
export async function sendMessage<M extends Message>(message: M): Promise<Reply<Replies[M['type']]>> {
  try {
    const reply = (await browser.runtime.sendMessage(message)) as Reply<Replies[M['type']]> | undefined;
    return reply ?? { ok: false, error: 'The extension did not answer. Reload the extension and try again.' };
  } catch (error) {
    return { ok: false, error: `The extension could not be reached (${errorText(error)}). Try again.` };
  }
}

export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export type { Contact };
