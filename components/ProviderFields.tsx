import { t } from '@/lib/i18n';
import { isEditable, shownValue } from '@/lib/provider-form';
import type { FieldDef, Provider } from '@/lib/providers/types';

interface Props {
  provider: Provider;
  values: Record<string, unknown>;
  errors: Record<string, string>;
  onOverride: (key: string, value: unknown) => void;
  /** The group's title: "<Provider> fields" unless told otherwise. */
  legend?: string;
}

/**
 * The contact laid out in the provider's own fields, with its labels and limits: what will be sent. Single
 * values are edited here; lists (emails, phones) come from the contact details above.
 */
export function ProviderFields({ provider, values, errors, onOverride, legend }: Props) {
  return (
    <fieldset class="provider-fields">
      <legend>{legend ?? t('providerFields', provider.label)}</legend>
      {provider.fields.map((field) => (
        <ProviderField
          key={field.key}
          provider={provider}
          field={field}
          value={values[field.key]}
          error={errors[field.key]}
          onChange={(v) => onOverride(field.key, v)}
        />
      ))}
      {errors.form && <p class="error">{errors.form}</p>}
    </fieldset>
  );
}

function ProviderField({
  provider,
  field,
  value,
  error,
  onChange,
}: {
  provider: Provider;
  field: FieldDef;
  value: unknown;
  error: string | undefined;
  onChange: (value: unknown) => void;
}) {
  const id = `pf-${provider.id}-${field.key}`;
  const errorId = `${id}-error`;
  // The accessible name says whose field it is: "OpenPhone Source", apart from the contact details' fields.
  const label = (
    <label for={id}>
      <span class="visually-hidden">{provider.label} </span>
      {field.label}
      {field.required ? ' *' : ''}
    </label>
  );
  const described = [error ? errorId : '', field.help ? `${id}-help` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': described };
  // An edit keeps the value's type: a priority stays a number, an opt-in a boolean.
  const typed = (text: string): unknown => (typeof value === 'number' && text.trim() !== '' ? Number(text) : text);
  let control: preact.JSX.Element;
  if (!isEditable(field)) {
    // Lists come from the contact details above: shown here as they will be sent, read-only.
    control = <input {...common} type="text" readOnly class="readonly" value={shownValue(value) || '—'} />;
  } else if (field.type === 'boolean') {
    return (
      <div class="field switch">
        <label for={id}>
          <input
            {...common}
            type="checkbox"
            role="switch"
            checked={value === true}
            aria-checked={value === true}
            onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)}
          />
          <span class="visually-hidden">{provider.label} </span>
          {field.label}
        </label>
        {error && (
          <p id={errorId} class="error">
            {error}
          </p>
        )}
      </div>
    );
  } else if (field.type === 'select') {
    control = (
      <select
        {...common}
        value={shownValue(value)}
        onChange={(e) => onChange(typed((e.currentTarget as HTMLSelectElement).value))}
      >
        {!field.required && <option value="">—</option>}
        {(field.options ?? []).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (field.type === 'textarea') {
    control = (
      <textarea
        {...common}
        rows={3}
        maxLength={field.maxLength}
        value={shownValue(value)}
        onInput={(e) => onChange((e.currentTarget as HTMLTextAreaElement).value)}
      />
    );
  } else {
    const types: Partial<Record<FieldDef['type'], 'email' | 'url' | 'date' | 'number' | 'tel'>> = {
      email: 'email',
      url: 'url',
      date: 'date',
      integer: 'number',
      phone: 'tel',
    };
    const type = types[field.type] ?? 'text';
    control = (
      <input
        {...common}
        type={type as 'text'}
        maxLength={field.maxLength}
        value={shownValue(value)}
        onInput={(e) => onChange(typed((e.currentTarget as HTMLInputElement).value))}
      />
    );
  }
  return (
    <div class="field">
      {label}
      {control}
      {field.help && (
        <p id={`${id}-help`} class="help">
          {field.help}
        </p>
      )}
      {error && (
        <p id={errorId} class="error">
          {error}
        </p>
      )}
    </div>
  );
}
