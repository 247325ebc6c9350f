import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import type { Injected } from '@/lib/inject';
import { provenanceOf } from '@/lib/popup/provenance';
import { candidatesOf, type ProviderHealth, pageUrl } from '@/lib/popup/state';
import { BulkResults } from './BulkResults';
import { CandidatePicker } from './CandidatePicker';
import { ContactFormFields } from './ContactFormFields';
import { ProviderPart } from './ProviderPart';
import { ProviderSelect } from './ProviderSelect';
import { usePopup } from './usePopup';

/** The toolbar popup: the page's people, the contact form in the selected provider's fields, and the send. */
export function Popup({ injected, accounts }: { injected: Promise<Injected>; accounts?: Promise<unknown> }) {
  const { state, dispatch, provider, values, submit, sendTicked } = usePopup(injected, accounts);
  const { capture, status, ticked } = state;
  if (capture === null) {
    return (
      <main class="popup">
        <p role="status">{t('readingPage')}</p>
      </main>
    );
  }
  const candidates = candidatesOf(state);
  const picked = candidates[state.selected];
  const busy = status.kind === 'saving';
  const openSettings = () => void browser.runtime.openOptionsPage();
  return (
    <main class="popup">
      <header>
        <div>
          <h1>Capture to CRM</h1>
          <TargetState label={provider?.label ?? null} health={state.health} />
        </div>
        <button type="button" class="link" onClick={openSettings}>
          {t('openAddressBook')}
        </button>
      </header>
      <div class="field provider-switch">
        <label for="provider">{t('sendTo')}</label>
        <ProviderSelect
          id="provider"
          value={state.providerId}
          connected={state.connected}
          onChange={(providerId) => dispatch({ type: 'providerChosen', providerId })}
        />
      </div>
      {!capture.ok && <p class="notice">{capture.error}</p>}
      {capture.ok && candidates.length === 0 && <p class="notice">{t('noPeople')}</p>}
      {capture.ok && capture.truncated && candidates.length > 0 && (
        <p class="notice" role="note">
          {t('pageCutShort')}
        </p>
      )}
      {candidates.length > 1 && (
        <CandidatePicker
          candidates={candidates}
          selected={state.selected}
          onSelect={(index) => dispatch({ type: 'picked', index })}
          ticked={ticked}
          onTick={(index) => dispatch({ type: 'tickToggled', index })}
          onTickAll={(all) => dispatch({ type: all ? 'tickedAll' : 'tickedNone' })}
          known={state.knownRows}
          target={provider?.label ?? null}
          onEnter={() => (ticked.size > 0 ? void sendTicked() : void submit())}
        />
      )}
      {ticked.size > 0 && (
        <div class="actions bulk">
          <button type="button" disabled={busy} onClick={() => void sendTicked()}>
            {provider ? t('sendTickedTo', ticked.size, provider.label) : t('saveTickedToBook', ticked.size)}
          </button>
        </div>
      )}
      <BulkResults lines={state.bulkResults} />
      {picked && state.readAt && <p class="provenance">{provenanceOf(picked, pageUrl(state), state.readAt)}</p>}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        aria-label="Contact"
        noValidate
      >
        <ContactFormFields
          form={state.form}
          errors={state.errors}
          onChange={(form) => dispatch({ type: 'edited', form })}
          target={provider?.label ?? t('yourAddressBook')}
        />
        {provider && values && <ProviderPart provider={provider} state={state} values={values} dispatch={dispatch} />}
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy
              ? t('sending')
              : provider
                ? t(state.action === 'update' ? 'updateIn' : 'sendToProvider', provider.label)
                : t('saveToBook')}
          </button>
        </div>
        <p role="status" class={`status ${status.kind}`} aria-live="polite">
          {status.kind === 'saved' || status.kind === 'error' ? status.text : ''}
        </p>
        {status.kind === 'error' && status.next === 'settings' && (
          <button type="button" class="link" onClick={openSettings}>
            {t('openSettings')}
          </button>
        )}
      </form>
    </main>
  );
}

/** The header's line: where a send goes and how that is going ("OpenPhone · 2 waiting to send"). */
function TargetState({ label, health }: { label: string | null; health: ProviderHealth | null }) {
  const state =
    label === null
      ? t('stateInBrowser')
      : health?.lastFailed
        ? t(health.lastFailed.settings ? 'stateLastRefused' : 'stateLastFailed')
        : health && health.waiting > 0
          ? t('stateWaiting', health.waiting)
          : t('stateConnected');
  return (
    <p class={`target-state${health?.lastFailed ? ' failing' : ''}`}>
      <strong>{label ?? t('localAddressBook')}</strong> · {state}
    </p>
  );
}
