import { deleteContact, saveContact } from '../address-book';
import { errorText, type Message, MessageSchema, type Replies, type Reply } from '../messages';

/** The part of runtime.MessageSender the check reads. */
export interface Sender {
  id?: string;
  url?: string;
}

/** True only for the extension's own pages (popup, options): never a content script or a web page. */
export function isExtensionPage(sender: Sender, extensionId: string, extensionOrigin: string): boolean {
  if (sender.id !== extensionId || typeof sender.url !== 'string') return false;
  const origin = extensionOrigin.endsWith('/') ? extensionOrigin : `${extensionOrigin}/`;
  return sender.url.startsWith(origin);
}

/** Handles one message from an extension page; every failure is a reply the page can show. */
export async function handleMessage(
  raw: unknown,
  sender: Sender,
  self: { id: string; origin: string },
): Promise<Reply<Replies[Message['type']]>> {
  if (!isExtensionPage(sender, self.id, self.origin)) {
    return { ok: false, error: 'Refused: only the extension’s own pages may ask for this.' };
  }
  const parsed = MessageSchema.safeParse(raw);
  if (!parsed.success) {
    return { ok: false, error: `The request was not understood: ${parsed.error.issues[0]?.message ?? 'invalid'}.` };
  }
  const message = parsed.data;
  try {
    switch (message.type) {
      case 'addressBook.save':
        return { ok: true, value: await saveContact(message.contact) };
      case 'addressBook.delete':
        return { ok: true, value: { deleted: await deleteContact(message.id) } };
    }
  } catch (error) {
    return { ok: false, error: `Saving failed: ${errorText(error)}. Nothing was lost — try again.` };
  }
}
