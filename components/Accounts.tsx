import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { checkBaseUrl, originPattern } from '@/lib/accounts';
import { sendMessage } from '@/lib/messages';
import { PROVIDERS } from '@/lib/providers/index';
import type { Provider } from '@/lib/providers/types';

export const ACCOUNTS_CHANGED = 'capture-to-crm:accounts-changed';

type Connected = { providerId: string; baseUrl: string; keyEnding: string };

/** Accounts per provider: keys go in, never come back out; saving asks for that provider's host permission. */
export function Accounts() {
  const [connected, setConnected] = useState<Connected[] | null>(null);
  const refresh = async () => {
    const reply = await sendMessage({ type: 'accounts.list' });
    setConnected(reply.ok ? reply.value : []);
    // Other parts of Settings (the providers to choose from) follow.
    window.dispatchEvent(new Event(ACCOUNTS_CHANGED));
  };
  useEffect(() => {
    void refresh();
  }, []);
  if (connected === null) return <p role="status">Loading…</p>;
  const providers = Object.values(PROVIDERS).filter((p) => p.id !== 'local') as unknown as Provider[];
  return (
    <section aria-labelledby="accounts-heading">
      <div class="section-head">
        <h2 id="accounts-heading">Accounts</h2>
      </div>
      <div class="accounts">
        {providers.map((provider) => (
          <AccountCard
            key={provider.id}
            provider={provider}
            account={connected.find((c) => c.providerId === provider.id) ?? null}
            onChange={refresh}
          />
        ))}
      </div>
    </section>
  );
}

function AccountCard({
  provider,
  account,
  onChange,
}: {
  provider: Provider;
  account: Connected | null;
  onChange: () => Promise<void>;
}) {
  const [baseUrl, setBaseUrl] = useState(account?.baseUrl ?? provider.defaultBaseUrl);
  const [apiKey, setApiKey] = useState('');
  const [clientId, setClientId] = useState('');
  const [clientSecret, setClientSecret] = useState('');
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);
  const [busy, setBusy] = useState(false);
  const oauth = provider.auth === 'oauth-client-credentials';
  const id = (name: string) => `${provider.id}-${name}`;

  const test = async () => {
    setStatus({ text: `Testing the connection to ${provider.label}…`, error: false });
    const reply = await sendMessage({ type: 'provider.test', providerId: provider.id });
    if (!reply.ok) setStatus({ text: reply.error, error: true });
    else setStatus({ text: reply.value.message, error: !reply.value.connected });
  };

  const save = async (event: Event) => {
    event.preventDefault();
    const problem = checkBaseUrl(baseUrl.trim());
    if (problem) return setStatus({ text: problem, error: true });
    if (!account && (oauth ? !clientId.trim() || !clientSecret.trim() : !apiKey.trim())) {
      return setStatus({
        text: oauth ? 'Enter the client id and the client secret.' : `Enter your ${provider.label} API key.`,
        error: true,
      });
    }
    setBusy(true);
    try {
      // Asked now, while the click still counts as the user's: the browser shows its prompt for this host only.
      let granted = false;
      try {
        granted = await browser.permissions.request({ origins: [originPattern(baseUrl.trim())] });
      } catch {
        return setStatus({
          text: `Capture to CRM can only reach ${provider.label}'s own domain (or this computer, for testing). Check the API address.`,
          error: true,
        });
      }
      if (!granted)
        return setStatus({
          text: `Without permission to reach ${new URL(baseUrl.trim()).host}, nothing can be sent to ${provider.label}.`,
          error: true,
        });
      // A key is pasted as "Bearer …" often enough; the provider's own rules clean it in the background.
      const reply = await sendMessage({
        type: 'accounts.set',
        providerId: provider.id,
        account: oauth
          ? { baseUrl: baseUrl.trim(), clientId: clientId.trim(), clientSecret: clientSecret.trim() }
          : { baseUrl: baseUrl.trim(), apiKey: apiKey.trim() },
      });
      if (!reply.ok) return setStatus({ text: reply.error, error: true });
      setApiKey('');
      setClientSecret('');
      await onChange();
      await test();
    } finally {
      setBusy(false);
    }
  };

  const remove = async () => {
    if (!window.confirm(`Remove the ${provider.label} account? Its key is erased from this browser.`)) return;
    const reply = await sendMessage({ type: 'accounts.remove', providerId: provider.id });
    setStatus(
      reply.ok ? { text: `${provider.label} account removed.`, error: false } : { text: reply.error, error: true },
    );
    await onChange();
  };

  return (
    <form class="account" onSubmit={(e) => void save(e)} aria-labelledby={id('title')} noValidate>
      <h3 id={id('title')}>{provider.label}</h3>
      <p class="connection">
        {account ? `Connected${account.keyEnding ? ` · key ending ${account.keyEnding}` : ''}` : 'Not connected'}
      </p>
      {oauth ? (
        <>
          <Field
            id={id('client-id')}
            label={`${provider.label} client id`}
            value={clientId}
            onInput={setClientId}
            placeholder={account ? 'saved — type to replace' : ''}
          />
          <Field
            id={id('client-secret')}
            label={`${provider.label} client secret`}
            value={clientSecret}
            onInput={setClientSecret}
            secret
            placeholder={account ? 'saved — type to replace' : ''}
          />
        </>
      ) : (
        <Field
          id={id('key')}
          label={`${provider.label} API key`}
          value={apiKey}
          onInput={setApiKey}
          secret
          placeholder={account ? `saved (…${account.keyEnding}) — type to replace` : ''}
        />
      )}
      <Field id={id('url')} label={`${provider.label} API address`} value={baseUrl} onInput={setBaseUrl} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {account ? `Save ${provider.label}` : `Connect ${provider.label}`}
        </button>
        {account && (
          <>
            <button type="button" onClick={() => void test()}>
              Test {provider.label} connection
            </button>
            <button type="button" class="link" onClick={() => void remove()}>
              Remove {provider.label}
            </button>
          </>
        )}
      </div>
      <p role="status" class={status?.error ? 'status error' : 'status saved'}>
        {status?.text ?? ''}
      </p>
    </form>
  );
}

function Field(props: {
  id: string;
  label: string;
  value: string;
  onInput: (value: string) => void;
  secret?: boolean;
  placeholder?: string;
}) {
  return (
    <div class="field">
      <label for={props.id}>{props.label}</label>
      <input
        id={props.id}
        type={(props.secret ? 'password' : 'text') as 'text'}
        autoComplete="off"
        spellcheck={false}
        value={props.value}
        placeholder={props.placeholder}
        onInput={(e) => props.onInput((e.currentTarget as HTMLInputElement).value)}
      />
    </div>
  );
}
