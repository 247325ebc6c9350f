import { t } from '@/lib/i18n';
import { getProvider, IN_BROWSER_ID } from '@/lib/providers/index';

interface Props {
  id: string;
  value: string;
  /** The connected providers' ids; the local address book is always offered first. */
  connected: string[];
  onChange: (providerId: string) => void;
}

/** Where contacts go: the local address book or one of the connected providers. */
export function ProviderSelect({ id, value, connected, onChange }: Props) {
  return (
    <select id={id} value={value} onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value)}>
      <option value={IN_BROWSER_ID}>{t('localAddressBook')}</option>
      {connected.map((providerId) => (
        <option key={providerId} value={providerId}>
          {getProvider(providerId)?.label ?? providerId}
        </option>
      ))}
    </select>
  );
}
