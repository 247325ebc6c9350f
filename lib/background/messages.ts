import { checkBaseUrl, connectedProviders, removeAccount, setAccount, storedSecrets } from '../accounts';
import { deleteContact, saveContact } from '../address-book';
import { resolveByUser } from '../delivery/outbox';
import { errorText, type Message, MessageSchema, type Replies, type Reply } from '../messages';
import { getProvider } from '../providers/index';
import { maskDeep, secretForms } from '../providers/secrets';
import {
  checkExisting,
  customFieldsOf,
  forgetTokens,
  kick,
  liveTokens,
  queueSends,
  refreshConnections,
  testConnection,
} from './delivery';

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
  let reply: Reply<Replies[Message['type']]>;
  try {
    reply = { ok: true, value: await answer(parsed.data) };
  } catch (error) {
    reply = { ok: false, error: `${errorText(error)}. Nothing was lost — try again.` };
  }
  // The last guard: no saved key, cleaned key or access token leaves the background in any reply, whatever a
  // server echoed or an error said on the way.
  const secrets = await storedSecrets().catch(() => []);
  return maskDeep(reply, [...secrets, ...liveTokens().flatMap(secretForms)]);
}

async function answer(message: Message): Promise<Replies[Message['type']]> {
  switch (message.type) {
    case 'addressBook.save':
      return saveContact(message.contact);
    case 'addressBook.delete':
      return { deleted: await deleteContact(message.id) };
    case 'outbox.send':
      return queueSends(message.providerId, message.sends);
    case 'outbox.resolve': {
      const resolved = await resolveByUser(message.id, message.choice, Date.now());
      void kick();
      return { resolved };
    }
    case 'provider.check':
      return checkExisting(message.providerId, message.contact);
    case 'accounts.set': {
      const problem = checkBaseUrl(message.account.baseUrl);
      if (problem) throw new Error(problem);
      const provider = getProvider(message.providerId);
      if (!provider || provider.inBrowser) throw new Error(`Unknown provider ${message.providerId}`);
      await setAccount(message.providerId, message.account);
      forgetTokens(message.providerId);
      await refreshConnections();
      return { saved: true };
    }
    case 'accounts.remove':
      await removeAccount(message.providerId);
      forgetTokens(message.providerId);
      await refreshConnections();
      return { removed: true };
    case 'accounts.list':
      return connectedProviders();
    case 'provider.test':
      return testConnection(message.providerId);
    case 'provider.customFields':
      return customFieldsOf(message.providerId);
  }
}
