import { t } from '@/lib/i18n';
import type { PopupEvent, PopupState } from '@/lib/popup/state';
import { knownText, type UpdateMode } from '@/lib/provider-form';
import type { Provider } from '@/lib/providers/types';

interface Props {
  provider: Provider;
  state: Pick<PopupState, 'known' | 'action' | 'pastedId' | 'updateMode'>;
  /** What an update would change in the known contact; null when there is no view of it. */
  changes: Array<{ key: string; label: string; from: string; to: string }> | null;
  dispatch: (event: PopupEvent) => void;
}

/** Create or update: whether the person is already in the provider, which contact, and how to update it. */
export function UpdateChoice({ provider, state, changes, dispatch }: Props) {
  const { known, action } = state;
  const mode = (m: UpdateMode) => () => dispatch({ type: 'updateModeChosen', mode: m });
  return (
    <fieldset class="known">
      <legend>{known ? knownText(provider.label, known.since) : t('newIn', provider.label)}</legend>
      <label>
        <input
          type="radio"
          name="action"
          checked={action === 'create'}
          onChange={() => dispatch({ type: 'actionChosen', action: 'create' })}
        />
        {t('createNew')}
      </label>
      <label>
        <input
          type="radio"
          name="action"
          checked={action === 'update'}
          onChange={() => dispatch({ type: 'actionChosen', action: 'update' })}
        />
        {known ? t('updateIt') : t('updateExisting')}
      </label>
      {action === 'update' && (
        <div class="field">
          <label for="paste-id">
            {known ? t('idFound', provider.label, known.remoteId) : t('idOrLink', provider.label)}
          </label>
          <input
            id="paste-id"
            type="text"
            value={state.pastedId}
            placeholder={known?.remoteId ?? ''}
            onInput={(e) => dispatch({ type: 'idPasted', text: (e.currentTarget as HTMLInputElement).value })}
          />
        </div>
      )}
      {changes && (
        <div class="changes">
          <div role="radiogroup" aria-label={t('updateHow')}>
            <label>
              <input
                type="radio"
                name="update-mode"
                checked={state.updateMode === 'fill-empty'}
                onChange={mode('fill-empty')}
              />
              {t('fillEmpty')}
            </label>
            <label>
              <input
                type="radio"
                name="update-mode"
                checked={state.updateMode === 'overwrite'}
                onChange={mode('overwrite')}
              />
              {t('overwrite')}
            </label>
          </div>
          {changes.length === 0 ? (
            <p class="help">{t('noChanges')}</p>
          ) : (
            <ul aria-label={t('whatChanges')}>
              {changes.map((c) => (
                <li key={c.key}>
                  <strong>{c.label}</strong>: {c.from || '—'} → {c.to || '—'}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </fieldset>
  );
}
