import { t } from '@/lib/i18n';

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
  onRemove?: (() => void) | undefined;
  /** A sentence under the field about what it holds (not an error). */
  help?: string | null | undefined;
  type?: 'text' | 'email' | 'tel' | 'url';
  autoComplete?: string;
}

/** A labelled input with its error, and a remove button for one of several. */
export function TextField({
  id,
  label,
  value,
  error,
  onInput,
  onRemove,
  type = 'text',
  autoComplete = 'off',
  help = null,
}: TextFieldProps) {
  const describedBy = [error ? `${id}-error` : '', help ? `${id}-help` : ''].filter(Boolean).join(' ');
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <div class="with-action">
        <input
          id={id}
          type={type as 'text'}
          value={value}
          autoComplete={autoComplete}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy || undefined}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
        {onRemove && (
          <button type="button" class="icon" aria-label={t('removeField', label.toLowerCase())} onClick={onRemove}>
            ×
          </button>
        )}
      </div>
      {help && (
        <span class="help" id={`${id}-help`}>
          {help}
        </span>
      )}
      {error && (
        <span class="error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}
