import { t } from '@/lib/i18n';
import type { PopupEvent, PopupState } from '@/lib/popup/state';
import { knownText } from '@/lib/provider-form';
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
  return (
    <fieldset class="known">
      <legend>{known ? knownText(provider.label, known.since) : t('newIn', provider.label)}</legend>
      <Radio
        name="action"
        checked={action === 'create'}
        label={t('createNew')}
        onPick={() => dispatch({ type: 'actionChosen', action: 'create' })}
      />
      <Radio
        name="action"
        checked={action === 'update'}
        label={known ? t('updateIt') : t('updateExisting')}
        onPick={() => dispatch({ type: 'actionChosen', action: 'update' })}
      />
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
            {(['fill-empty', 'overwrite'] as const).map((mode) => (
              <Radio
                key={mode}
                name="update-mode"
                checked={state.updateMode === mode}
                label={t(mode === 'fill-empty' ? 'fillEmpty' : 'overwrite')}
                onPick={() => dispatch({ type: 'updateModeChosen', mode })}
              />
            ))}
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

function Radio(props: { name: string; checked: boolean; label: string; onPick: () => void }) {
  return (
    <label>
      <input type="radio" name={props.name} checked={props.checked} onChange={props.onPick} />
      {props.label}
    </label>
  );
}
