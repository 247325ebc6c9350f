import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { checkBaseUrl, originPattern } from '@/lib/base-url';
import { t } from '@/lib/i18n';
import { sendMessage } from '@/lib/messages';
import type { Provider } from '@/lib/providers/types';

export type Connected = { providerId: string; baseUrl: string; keyEnding: string };

/** One provider's account: its address and key (never shown back), Test connection, Remove. */
export function AccountCard({
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
    setStatus({ text: t('testing', provider.label), error: false });
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
        text: oauth ? t('enterClient') : t('enterKey', provider.label),
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
          text: t('onlyOwnDomain', provider.label),
          error: true,
        });
      }
      if (!granted)
        return setStatus({
          text: t('noPermission', new URL(baseUrl.trim()).host, provider.label),
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
    if (!window.confirm(t('confirmRemove', provider.label))) return;
    const reply = await sendMessage({ type: 'accounts.remove', providerId: provider.id });
    setStatus(
      reply.ok ? { text: t('accountRemoved', provider.label), error: false } : { text: reply.error, error: true },
    );
    await onChange();
  };

  return (
    <form class="account" onSubmit={(e) => void save(e)} aria-labelledby={id('title')} noValidate>
      <h3 id={id('title')}>{provider.label}</h3>
      <p class="connection">
        {account ? (account.keyEnding ? t('connectedKey', account.keyEnding) : t('connected')) : t('notConnected')}
      </p>
      {oauth ? (
        <>
          <Field
            id={id('client-id')}
            label={t('clientId', provider.label)}
            value={clientId}
            onInput={setClientId}
            placeholder={account ? t('savedTypeToReplace') : ''}
          />
          <Field
            id={id('client-secret')}
            label={t('clientSecret', provider.label)}
            value={clientSecret}
            onInput={setClientSecret}
            secret
            placeholder={account ? t('savedTypeToReplace') : ''}
          />
        </>
      ) : (
        <Field
          id={id('key')}
          label={t('apiKey', provider.label)}
          value={apiKey}
          onInput={setApiKey}
          secret
          placeholder={account ? t('savedKeyTypeToReplace', account.keyEnding) : ''}
        />
      )}
      <Field id={id('url')} label={t('apiAddress', provider.label)} value={baseUrl} onInput={setBaseUrl} />
      <div class="actions">
        <button type="submit" class="primary" disabled={busy}>
          {account ? t('saveProvider', provider.label) : t('connectProvider', provider.label)}
        </button>
        {account && (
          <>
            <button type="button" onClick={() => void test()}>
              {t('testConnection', provider.label)}
            </button>
            <button type="button" class="link" onClick={() => void remove()}>
              {t('removeProvider', provider.label)}
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
