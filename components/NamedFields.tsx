import { t } from '@/lib/i18n';

interface Props {
  providerLabel: string;
  rows: Array<{ name: string; value: string }>;
  error: string | undefined;
  onChange: (rows: Array<{ name: string; value: string }>) => void;
}

/**
 * Fields addressed by the account's internal names (Routera: company, job_title, or any the account defines):
 * a name and a value per row, checked against the provider's naming rule before anything is sent.
 */
export function NamedFields({ providerLabel, rows, error, onChange }: Props) {
  const set = (i: number, row: { name: string; value: string }) => onChange(rows.map((r, j) => (j === i ? row : r)));
  return (
    <fieldset class="provider-fields named">
      <legend>{t('customFields', providerLabel)}</legend>
      {rows.map((row, i) => (
        <div class="row" key={`named-${i}`}>
          <div class="field">
            <label for={`named-name-${i}`}>{t('internalNameN', i + 1)}</label>
            <input
              id={`named-name-${i}`}
              type="text"
              value={row.name}
              spellcheck={false}
              onInput={(e) => set(i, { ...row, name: (e.currentTarget as HTMLInputElement).value })}
            />
          </div>
          <div class="field">
            <label for={`named-value-${i}`}>{t('valueN', i + 1)}</label>
            <input
              id={`named-value-${i}`}
              type="text"
              value={row.value}
              onInput={(e) => set(i, { ...row, value: (e.currentTarget as HTMLInputElement).value })}
            />
          </div>
          <button
            type="button"
            class="link"
            aria-label={t('removeField', row.name || t('valueN', i + 1))}
            onClick={() => onChange(rows.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button type="button" class="link" onClick={() => onChange([...rows, { name: '', value: '' }])}>
        {t('addField')}
      </button>
      {error && <p class="error">{error}</p>}
    </fieldset>
  );
}
