import { t } from '@/lib/i18n';

export interface TextFieldProps {
  id: string;
  label: string;
  value: string;
  error: string | undefined;
  onInput: (value: string) => void;
  onRemove?: (() => void) | undefined;
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
}: TextFieldProps) {
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
          aria-describedby={error ? `${id}-error` : undefined}
          onInput={(e) => onInput(e.currentTarget.value)}
        />
        {onRemove && (
          <button type="button" class="icon" aria-label={t('removeField', label.toLowerCase())} onClick={onRemove}>
            ×
          </button>
        )}
      </div>
      {error && (
        <span class="error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}
