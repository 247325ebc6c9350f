import { t } from '@/lib/i18n';
import type { CustomFieldDef } from '@/lib/messages';

interface Props {
  providerLabel: string;
  defs: CustomFieldDef[];
  typed: Record<string, string | boolean>;
  onChange: (key: string, value: string | boolean) => void;
}

/** The account's own custom fields, each edited by its type (number, date, switch, comma-separated choices…). */
export function CustomFields({ providerLabel, defs, typed, onChange }: Props) {
  if (defs.length === 0) return null;
  return (
    <fieldset class="provider-fields">
      <legend>{t('customFields', providerLabel)}</legend>
      {defs.map((def) => {
        const id = `cf-${def.key}`;
        const label = (
          <>
            <span class="visually-hidden">{providerLabel} </span>
            {def.name}
          </>
        );
        if (def.type === 'boolean') {
          return (
            <div class="field switch" key={def.key}>
              <label for={id}>
                <input
                  id={id}
                  type="checkbox"
                  role="switch"
                  checked={typed[def.key] === true}
                  aria-checked={typed[def.key] === true}
                  onChange={(e) => onChange(def.key, (e.currentTarget as HTMLInputElement).checked)}
                />
                {label}
              </label>
            </div>
          );
        }
        const type =
          def.type === 'number' ? 'number' : def.type === 'date' ? 'date' : def.type === 'url' ? 'url' : 'text';
        return (
          <div class="field" key={def.key}>
            <label for={id}>{label}</label>
            <input
              id={id}
              type={type as 'text'}
              value={String(typed[def.key] ?? '')}
              aria-describedby={def.type === 'multi-select' ? `${id}-help` : undefined}
              onInput={(e) => onChange(def.key, (e.currentTarget as HTMLInputElement).value)}
            />
            {def.type === 'multi-select' && (
              <p id={`${id}-help`} class="help">
                {t('commaSeparated')}
              </p>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}
