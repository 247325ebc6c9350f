import { useEffect, useState } from 'preact/hooks';
import { t } from '@/lib/i18n';
import { clearSetAside, listSetAside, type SetAside, watchSetAside } from '@/lib/stored';
import { download } from './AddressBook';

/** One sentence when stored data could not be read and was set aside (lib/stored.ts), with what to do about it. */
export function SetAsideNotice() {
  const [entries, setEntries] = useState<SetAside[]>([]);
  useEffect(() => {
    void listSetAside().then(setEntries);
    return watchSetAside(setEntries);
  }, []);
  if (entries.length === 0) return null;
  const where = [...new Set(entries.map((e) => t(`store_${e.key}`)))].join(', ');
  return (
    <section class="notice set-aside" role="alert" aria-label={t('setAsideLabel')}>
      <p>{t('setAside', entries.length, where)}</p>
      <div class="actions">
        <button
          type="button"
          onClick={() => download('set-aside.json', 'application/json', JSON.stringify(entries, null, 2))}
        >
          {t('setAsideDownload')}
        </button>
        <button type="button" onClick={() => void clearSetAside()}>
          {t('setAsideDismiss')}
        </button>
      </div>
    </section>
  );
}
