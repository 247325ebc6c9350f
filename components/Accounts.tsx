import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { sendMessage } from '@/lib/messages';
import { remoteProviders } from '@/lib/providers/index';
import { AccountCard, type Connected } from './AccountCard';

export const ACCOUNTS_CHANGED = 'capture-to-crm:accounts-changed';

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
  if (connected === null) return <p role="status">{t('loading')}</p>;
  const providers = remoteProviders();
  return (
    <section aria-labelledby="accounts-heading">
      <div class="section-head">
        <h2 id="accounts-heading">{t('accounts')}</h2>
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
