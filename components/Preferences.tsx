import { getCountries } from 'libphonenumber-js';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { emptyContactInput } from '@/lib/contact';
import { t } from '@/lib/i18n';
import { sendMessage } from '@/lib/messages';
import { checkValues } from '@/lib/provider-form';
import { externalIdFor } from '@/lib/providers/external-id';
import { getProvider } from '@/lib/providers/index';
import type { Provider } from '@/lib/providers/types';
import { defaultableFields, loadSettings, type Settings, saveSettings } from '@/lib/settings';
import { ACCOUNTS_CHANGED } from './Accounts';
import { ProviderFields } from './ProviderFields';
import { ProviderSelect } from './ProviderSelect';

/** Which provider the popup opens on, how phone numbers are read, and each provider's default values. */
export function Preferences() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [connected, setConnected] = useState<string[]>([]);
  const [status, setStatus] = useState('');

  useEffect(() => {
    void loadSettings().then(setSettings);
    const refresh = () =>
      void sendMessage({ type: 'accounts.list' }).then((r) =>
        setConnected(r.ok ? r.value.map((a) => a.providerId) : []),
      );
    refresh();
    window.addEventListener(ACCOUNTS_CHANGED, refresh);
    return () => window.removeEventListener(ACCOUNTS_CHANGED, refresh);
  }, []);

  const regions = useMemo(() => {
    const names = new Intl.DisplayNames([navigator.language || 'en'], { type: 'region' });
    return getCountries()
      .map((code) => ({ code, name: names.of(code) ?? code }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }, []);

  if (settings === null) return <p role="status">{t('loading')}</p>;

  const change = async (next: Partial<Settings>, said: string) => {
    const merged = { ...settings, ...next };
    setSettings(merged);
    await saveSettings(next);
    setStatus(said);
  };

  return (
    <section aria-labelledby="preferences-heading">
      <div class="section-head">
        <h2 id="preferences-heading">{t('preferences')}</h2>
      </div>
      <div class="preferences">
        <div class="field">
          <label for="open-on">{t('openPopupOn')}</label>
          <ProviderSelect
            id="open-on"
            value={settings.lastProvider}
            connected={connected}
            onChange={(id) =>
              void change({ lastProvider: id }, t('popupOpensOn', getProvider(id)?.label ?? t('theLocalBook')))
            }
          />
        </div>
        <div class="field">
          <label for="region">{t('regionLabel')}</label>
          <select
            id="region"
            value={settings.region ?? ''}
            onChange={(e) => {
              const code = (e.currentTarget as HTMLSelectElement).value || null;
              void change(
                { region: code },
                code ? t('regionSet', regions.find((r) => r.code === code)?.name ?? code) : t('regionPage'),
              );
            }}
          >
            <option value="">{t('regionPageOption')}</option>
            {regions.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
      </div>
      {connected
        .flatMap((id) => {
          const provider = getProvider(id);
          return provider && defaultableFields(id).length > 0 ? [provider] : [];
        })
        .map((provider) => (
          <ProviderDefaults
            key={provider.id}
            provider={provider}
            defaults={settings.defaults[provider.id] ?? {}}
            onSave={(values) =>
              change({ defaults: { ...settings.defaults, [provider.id]: values } }, t('defaultsSaved', provider.label))
            }
          />
        ))}
      <p role="status" class="status saved">
        {status}
      </p>
    </section>
  );
}

function ProviderDefaults({
  provider,
  defaults,
  onSave,
}: {
  provider: Provider;
  defaults: Record<string, unknown>;
  onSave: (values: Record<string, unknown>) => Promise<void>;
}) {
  const keys = defaultableFields(provider.id);
  const [values, setValues] = useState<Record<string, unknown>>(defaults);
  const [errors, setErrors] = useState<Record<string, string>>({});
  // The provider's own mapping of a blank contact shows the built-in defaults; the user's win over them.
  const blank = { ...emptyContactInput(), emails: ['someone@example.org'], firstName: 'Someone' };
  const base = provider.fromContact(blank, externalIdFor(blank)) as Record<string, unknown>;
  const shown = { ...base, ...values };
  const only = { ...provider, fields: provider.fields.filter((f) => keys.includes(f.key)) } as Provider;

  const save = async (event: Event) => {
    event.preventDefault();
    const checked = checkValues(provider, shown);
    const relevant = checked.ok
      ? {}
      : Object.fromEntries(Object.entries(checked.errors).filter(([k]) => keys.includes(k)));
    setErrors(relevant);
    if (Object.keys(relevant).length > 0) return;
    await onSave(Object.fromEntries(keys.map((k) => [k, shown[k]])));
  };

  return (
    <form class="defaults" onSubmit={(e) => void save(e)} aria-label={t('providerDefaults', provider.label)} noValidate>
      <ProviderFields
        provider={only}
        values={shown}
        errors={errors}
        onOverride={(key, value) => setValues({ ...values, [key]: value })}
        legend={t('providerDefaults', provider.label)}
      />
      <div class="actions">
        <button type="submit">{t('saveDefaults', provider.label)}</button>
      </div>
    </form>
  );
}
