import { connectedProviders, removeAccount, setAccount, storedSecrets } from '../accounts';
import { deleteContact, saveContact } from '../address-book';
import { checkBaseUrl } from '../base-url';
import { finishRaw } from '../capture-finish';
import { resolveByUser } from '../delivery/outbox';
import { errorText, type Message, messageSchema, type Replies, type Reply } from '../messages';
import { getProvider } from '../providers/index';
import { maskDeep, secretForms } from '../providers/secrets';
import { kick, queueSends } from './delivery';
import { forgetTokens, liveTokens, refreshConnections } from './deps';
import { checkExisting, checkExistingMany, customFieldsOf, testConnection } from './provider-reads';

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
  const parsed = messageSchema().safeParse(raw);
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

/** One handler per message type, each checked by the compiler against that type's own reply. */
type Handlers = { [K in Message['type']]: (message: Extract<Message, { type: K }>) => Promise<Replies[K]> };

const handlers: Handlers = {
  'addressBook.save': (m) => saveContact(m.contact),
  'addressBook.delete': async (m) => ({ deleted: await deleteContact(m.id) }),
  'outbox.send': (m) => queueSends(m.providerId, m.sends),
  'outbox.resolve': async (m) => {
    const resolved = await resolveByUser(m.id, m.choice, Date.now());
    void kick();
    return { resolved };
  },
  'provider.check': (m) => checkExisting(m.providerId, m.contact),
  'provider.checkMany': (m) => checkExistingMany(m.providerId, m.contacts),
  'accounts.set': async (m) => {
    const problem = checkBaseUrl(m.account.baseUrl);
    if (problem) throw new Error(problem);
    const provider = getProvider(m.providerId);
    if (!provider || provider.inBrowser) throw new Error(`Unknown provider ${m.providerId}`);
    await setAccount(m.providerId, m.account);
    forgetTokens(m.providerId);
    await refreshConnections();
    return { saved: true };
  },
  'accounts.remove': async (m) => {
    await removeAccount(m.providerId);
    forgetTokens(m.providerId);
    await refreshConnections();
    return { removed: true };
  },
  'accounts.list': () => connectedProviders(),
  'provider.test': (m) => testConnection(m.providerId),
  'provider.customFields': (m) => customFieldsOf(m.providerId),
  'capture.finish': async (m) => finishRaw(m.raw, m.region, m.markup),
};

function answer<K extends Message['type']>(message: Extract<Message, { type: K }>): Promise<Replies[K]> {
  return (handlers[message.type as K] as (m: typeof message) => Promise<Replies[K]>)(message);
}
