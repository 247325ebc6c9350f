import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { type CaptureOutcome, captureTab } from '@/lib/capture';
import type { Candidate } from '@/lib/capture-result';
import { type ContactInput, candidateToContact, displayName, emptyContactInput } from '@/lib/contact';
import { clearDraft, loadDraft, saveDraft } from '@/lib/drafts';
import { blankForm, type ContactForm, candidateToForm, type FormErrors, formSoFar, formToInput } from '@/lib/form';
import { listHistory } from '@/lib/history';
import { t } from '@/lib/i18n';
import { type CustomFieldDef, type SendOutcome, sendMessage } from '@/lib/messages';
import {
  changesFor,
  checkValues,
  customFieldValues,
  idFromPasted,
  knownText,
  mergeForUpdate,
  outcomeText,
  providerValues,
  type UpdateMode,
} from '@/lib/provider-form';
import { idProblem } from '@/lib/providers/http';
import { getProvider, IN_BROWSER_ID } from '@/lib/providers/index';
import type { Provider } from '@/lib/providers/types';
import { loadSettings, saveSettings } from '@/lib/settings';
import { CandidatePicker } from './CandidatePicker';
import { ContactFormFields } from './ContactFormFields';
import { CustomFields } from './CustomFields';
import { NamedFields } from './NamedFields';
import { ProviderFields } from './ProviderFields';
import { ProviderSelect } from './ProviderSelect';

type Status =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; text: string }
  | { kind: 'error'; text: string; settings?: boolean };

interface Known {
  remoteId: string;
  since: string | null;
}

const LOCAL = IN_BROWSER_ID;

export function Popup() {
  const [capture, setCapture] = useState<CaptureOutcome | null>(null);
  const [selected, setSelected] = useState(0);
  const [form, setForm] = useState<ContactForm>(blankForm());
  const [errors, setErrors] = useState<FormErrors>({});
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [connected, setConnected] = useState<string[]>([]);
  const [providerId, setProviderId] = useState(LOCAL);
  const [overrides, setOverrides] = useState<Record<string, unknown>>({});
  const [defaults, setDefaults] = useState<Record<string, Record<string, unknown>>>({});
  const [customDefs, setCustomDefs] = useState<CustomFieldDef[]>([]);
  const [customTyped, setCustomTyped] = useState<Record<string, string | boolean>>({});
  // Routera's fields by internal name, once the user edits them (until then, the definition's mapping).
  const [namedRows, setNamedRows] = useState<Array<{ name: string; value: string }> | null>(null);
  const [providerErrors, setProviderErrors] = useState<Record<string, string>>({});
  const [known, setKnown] = useState<Known | null>(null);
  const [action, setAction] = useState<'create' | 'update'>('create');
  const [pastedId, setPastedId] = useState('');
  const [current, setCurrent] = useState<Record<string, unknown> | null>(null);
  const [updateMode, setUpdateMode] = useState<UpdateMode>('fill-empty');
  const [ticked, setTicked] = useState<Set<number>>(new Set());
  const [bulkResults, setBulkResults] = useState<Array<{ name: string; text: string; error: boolean }>>([]);
  const draftTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  /** Stops following the outcome of the last send in storage. */
  const following = useRef<(() => void) | null>(null);
  useEffect(() => () => following.current?.(), []);

  useEffect(() => {
    void (async () => {
      const settings = await loadSettings();
      setDefaults(settings.defaults);
      const [outcome, accounts] = await Promise.all([
        captureTab({ region: settings.region }),
        sendMessage({ type: 'accounts.list' }),
      ]);
      const available = accounts.ok ? accounts.value.map((a) => a.providerId).filter((id) => getProvider(id)) : [];
      setConnected(available);
      setCapture(outcome);
      const url = outcome.ok ? outcome.result.url : '';
      const draft = outcome.tabId !== null ? await loadDraft(outcome.tabId, url) : null;
      const remembered = draft?.providerId ?? settings.lastProvider;
      setProviderId(remembered === LOCAL || available.includes(remembered) ? remembered : LOCAL);
      if (draft) {
        setSelected(draft.selected);
        setForm(draft.form);
        setOverrides(draft.overrides ?? {});
      } else if (outcome.ok && outcome.result.candidates[0]) {
        setForm(candidateToForm(outcome.result.candidates[0], url));
      } else {
        setForm(blankForm(url));
      }
    })();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') window.close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const url = capture?.ok ? capture.result.url : '';
  const candidates: Candidate[] = capture?.ok ? capture.result.candidates : [];
  const region = capture?.ok ? capture.result.region : 'US';
  const provider = providerId === LOCAL ? null : getProvider(providerId);
  const checked = useMemo(() => formToInput(form, region), [form, region]);
  /** The provider's values for a contact: its mapping, the Settings defaults, what was typed, custom fields. */
  const valuesFor = (p: Provider, contact: ContactInput): Record<string, unknown> => {
    const mapped = providerValues(p, contact, { ...defaults[p.id], ...overrides });
    const custom = customFieldValues(customDefs, customTyped);
    if (custom.length > 0) mapped.customFields = custom;
    if (namedRows && 'custom' in mapped)
      mapped.custom = Object.fromEntries(namedRows.filter((r) => r.name.trim()).map((r) => [r.name.trim(), r.value]));
    return mapped;
  };
  const values = useMemo(
    () => (provider ? valuesFor(provider, checked.ok ? checked.input : formSoFar(form, region)) : null),
    [provider, checked, form, region, overrides, defaults, customDefs, customTyped, namedRows],
  );

  // The account's custom fields (OpenPhone), offered by type.
  useEffect(() => {
    setCustomDefs([]);
    if (!provider) return;
    void sendMessage({ type: 'provider.customFields', providerId: provider.id }).then((reply) => {
      if (reply.ok) setCustomDefs(reply.value);
    });
  }, [provider?.id]);

  // Is this person already in the provider (our history, then a lookup by our external id)?
  useEffect(() => {
    setKnown(null);
    setCurrent(null);
    setAction('create');
    if (!provider || !checked.ok) return;
    const input = checked.input;
    const timer = setTimeout(async () => {
      const reply = await sendMessage({ type: 'provider.check', providerId: provider.id, contact: input });
      if (reply.ok && reply.value) {
        const found = reply.value;
        setKnown({ remoteId: found.remoteId, since: found.since });
        setAction('update');
        // The providers are asked for ids only, so "what is there" is what we last sent: the history's person
        // through the same mapping. Edits made in the provider since are not seen (the view says so).
        const record = (await listHistory()).find(
          (r) => r.providerId === provider.id && r.remoteId === found.remoteId && r.outcome === 'delivered',
        );
        if (record) {
          // The history keeps the full name: split it as we did when the name has not changed.
          const same = `${input.firstName} ${input.lastName}`.trim() === record.name;
          const [head = '', ...rest] = record.name.split(' ');
          const firstName = same ? input.firstName : head;
          setCurrent(
            providerValues(
              provider,
              {
                ...emptyContactInput(),
                firstName,
                lastName: same ? input.lastName : rest.join(' '),
                emails: record.emails,
                phones: record.phones.map((value) => ({ value, type: 'work' as const })),
              },
              {},
            ),
          );
        }
      }
    }, 250);
    return () => clearTimeout(timer);
  }, [provider, checked.ok ? `${checked.input.emails.join()}|${checked.input.phones.map((p) => p.value).join()}` : '']);

  const remember = (next: {
    form?: ContactForm;
    index?: number;
    providerId?: string;
    overrides?: Record<string, unknown>;
  }) => {
    setStatus({ kind: 'idle' });
    if (capture?.tabId == null) return;
    const tabId = capture.tabId;
    clearTimeout(draftTimer.current);
    draftTimer.current = setTimeout(
      () =>
        void saveDraft(tabId, {
          url,
          selected: next.index ?? selected,
          form: next.form ?? form,
          providerId: next.providerId ?? providerId,
          overrides: next.overrides ?? overrides,
        }),
      150,
    );
  };

  const edit = (next: ContactForm, index = selected) => {
    setForm(next);
    remember({ form: next, index });
  };

  const pick = (index: number) => {
    const candidate = candidates[index];
    setSelected(index);
    setErrors({});
    if (candidate) edit(candidateToForm(candidate, url), index);
  };

  const chooseProvider = (id: string) => {
    setProviderId(id);
    setOverrides({});
    setNamedRows(null);
    setProviderErrors({});
    setBulkResults([]);
    void saveSettings({ lastProvider: id });
    remember({ providerId: id, overrides: {} });
  };

  const override = (key: string, value: unknown) => {
    const next = { ...overrides, [key]: value };
    setOverrides(next);
    remember({ overrides: next });
  };

  const finish = async () => {
    clearTimeout(draftTimer.current);
    if (capture?.tabId != null) await clearDraft(capture.tabId);
  };

  const failed = (text: string) =>
    setStatus({ kind: 'error', text, settings: /Settings|API key|client id|not connected/i.test(text) });

  const submit = async (event: Event) => {
    event.preventDefault();
    if (!checked.ok) {
      setErrors(checked.errors);
      failed(checked.errors.form ?? t('fieldsNeedLook'));
      return;
    }
    setErrors({});
    if (!provider) return saveLocally(checked.input);
    const pasted = idFromPasted(pastedId);
    const remoteId = action === 'update' ? (pasted ?? known?.remoteId ?? null) : null;
    const ours = valuesFor(provider, checked.input);
    // The change view (what we last sent) applies to the known contact, not to one named by a pasted id.
    const valid = checkValues(
      provider,
      remoteId && current && !pasted ? mergeForUpdate(provider.fields, current, ours, updateMode) : ours,
    );
    if (!valid.ok) {
      setProviderErrors(valid.errors);
      failed(Object.values(valid.errors)[0] ?? t('providerFieldsNeedLook', provider.label));
      return;
    }
    setProviderErrors({});
    if (action === 'update' && !remoteId) {
      failed(t('pasteIdToUpdate', provider.label));
      return;
    }
    if (remoteId && idProblem(remoteId, provider.idPattern)) {
      failed(t('notAnId', remoteId.slice(0, 40), provider.label));
      return;
    }
    setStatus({ kind: 'saving' });
    following.current?.();
    const name = displayName(checked.input);
    const show = async (outcome: SendOutcome) => {
      const said = outcomeText(provider.label, name, outcome);
      if (outcome.state === 'delivered') {
        await finish();
        setStatus({
          kind: 'saved',
          text: remoteId && !outcome.already ? t('updatedIn', name, provider.label) : said.text,
        });
        setKnown({ remoteId: outcome.remoteId ?? remoteId ?? '', since: known?.since ?? new Date().toISOString() });
      } else if (said.error) failed(said.text);
      else {
        await finish();
        setStatus({ kind: 'saved', text: said.text });
      }
    };
    const { sendAndFollow } = await import('@/lib/delivery/send');
    following.current = await sendAndFollow(
      provider.id,
      [
        {
          // "Create" chosen over the contact on record is the user's decision, not a duplicate to refuse.
          allowAgain: !remoteId && known !== null,
          action: remoteId ? 'update' : 'create',
          remoteId,
          contact: checked.input,
          values: valid.values,
        },
      ],
      ([outcome], error) => void (outcome ? show(outcome) : failed(error ?? t('unknownError'))),
    );
  };

  const saveLocally = async (input: ContactInput) => {
    setStatus({ kind: 'saving' });
    const reply = await sendMessage({ type: 'addressBook.save', contact: input });
    if (!reply.ok) return failed(reply.error);
    await finish();
    const name = displayName(reply.value.contact);
    setStatus({
      kind: 'saved',
      text: reply.value.status === 'created' ? t('savedToBook', name) : t('alreadyInBook', name),
    });
  };

  const toggle = (index: number) => {
    const next = new Set(ticked);
    if (next.has(index)) next.delete(index);
    else next.add(index);
    setTicked(next);
  };

  /** The ticked people in one go, each with its own outcome. */
  const sendTicked = async () => {
    const people = [...ticked].sort((a, b) => a - b).flatMap((i) => (candidates[i] ? [candidates[i]] : []));
    const results: Array<{ name: string; text: string; error: boolean }> = [];
    const label = provider?.label ?? t('yourAddressBook');
    const sends: Array<{ name: string; contact: ContactInput; values: Record<string, unknown> }> = [];
    for (const candidate of people) {
      const contact = candidateToContact(candidate, url);
      const name = displayName(contact);
      if (!provider) {
        const reply = await sendMessage({ type: 'addressBook.save', contact });
        results.push(
          reply.ok
            ? { name, text: t('savedTo', name, label), error: false }
            : { name, text: t('notSaved', name, reply.error), error: true },
        );
        continue;
      }
      const valid = checkValues(
        provider,
        providerValues(provider, contact, { ...defaults[provider.id], ...overrides }),
      );
      if (!valid.ok)
        results.push({ name, text: t('notSent', name, Object.values(valid.errors)[0] ?? ''), error: true });
      else sends.push({ name, contact, values: valid.values });
    }
    const report = (all: typeof results) => {
      setBulkResults(all);
      const good = all.filter((r) => !r.error).length;
      setStatus({ kind: good === all.length ? 'saved' : 'error', text: t('nOfMSent', good, all.length, label) });
      if (good === all.length) setTicked(new Set());
    };
    if (!provider || sends.length === 0) return report(results);
    setStatus({ kind: 'saving' });
    following.current?.();
    // Each outcome is followed in storage, where the sends were stored before any answer: a reply lost with a
    // stopped worker is neither a failure nor a reason to send them again.
    const { sendAndFollow } = await import('@/lib/delivery/send');
    following.current = await sendAndFollow(
      provider.id,
      sends.map((s) => ({ action: 'create', remoteId: null, contact: s.contact, values: s.values })),
      (outcomes, error) =>
        report([
          ...results,
          ...outcomes.map((outcome, i) => {
            const name = sends[i]?.name ?? '';
            return outcome
              ? { name, ...outcomeText(label, name, outcome) }
              : { name, text: t('notSent', name, error ?? t('unknownError')), error: true };
          }),
        ]),
    );
  };

  if (capture === null) {
    return (
      <main class="popup">
        <p role="status">{t('readingPage')}</p>
      </main>
    );
  }

  const target = provider?.label ?? t('addressBook');
  const busy = status.kind === 'saving';
  return (
    <main class="popup">
      <header>
        <h1>Capture to CRM</h1>
        <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('openAddressBook')}
        </button>
      </header>
      <div class="field provider-switch">
        <label for="provider">{t('sendTo')}</label>
        <ProviderSelect id="provider" value={providerId} connected={connected} onChange={chooseProvider} />
      </div>
      {!capture.ok && <p class="notice">{capture.error}</p>}
      {capture.ok && candidates.length === 0 && <p class="notice">{t('noPeople')}</p>}
      {candidates.length > 1 && (
        <CandidatePicker candidates={candidates} selected={selected} onSelect={pick} ticked={ticked} onTick={toggle} />
      )}
      {ticked.size > 0 && (
        <div class="actions bulk">
          <button type="button" disabled={busy} onClick={() => void sendTicked()}>
            {provider ? t('sendTickedTo', ticked.size, provider.label) : t('saveTickedToBook', ticked.size)}
          </button>
        </div>
      )}
      {bulkResults.length > 0 && (
        <ul class="bulk-results" aria-label={t('outcomePerContact')}>
          {bulkResults.map((r) => (
            <li key={r.name} class={r.error ? 'error' : 'saved'}>
              {r.text}
            </li>
          ))}
        </ul>
      )}
      <form onSubmit={(e) => void submit(e)} aria-label="Contact" noValidate>
        <ContactFormFields form={form} errors={errors} onChange={(next) => edit(next)} />
        {provider && values && (
          <ProviderPart
            provider={provider}
            values={values}
            errors={providerErrors}
            onOverride={override}
            known={known}
            action={action}
            onAction={setAction}
            pastedId={pastedId}
            onPaste={setPastedId}
            changes={
              current && known && action === 'update' && !pastedId.trim()
                ? changesFor(provider.fields, current, values, updateMode)
                : null
            }
            updateMode={updateMode}
            onUpdateMode={setUpdateMode}
          >
            <CustomFields
              providerLabel={provider.label}
              defs={customDefs}
              typed={customTyped}
              onChange={(key, value) => setCustomTyped({ ...customTyped, [key]: value })}
            />
            {values && typeof values.custom === 'object' && values.custom !== null && (
              <NamedFields
                providerLabel={provider.label}
                rows={
                  namedRows ??
                  Object.entries(values.custom as Record<string, unknown>).map(([name, value]) => ({
                    name,
                    value: String(value ?? ''),
                  }))
                }
                error={providerErrors.custom}
                onChange={setNamedRows}
              />
            )}
          </ProviderPart>
        )}
        <div class="actions">
          <button type="submit" class="primary" disabled={busy}>
            {busy
              ? t('sending')
              : provider
                ? t(action === 'update' ? 'updateIn' : 'sendToProvider', target)
                : t('saveToBook')}
          </button>
        </div>
        <p role="status" class={`status ${status.kind}`} aria-live="polite">
          {status.kind === 'saved' || status.kind === 'error' ? status.text : ''}
        </p>
        {status.kind === 'error' && status.settings && (
          <button type="button" class="link" onClick={() => void browser.runtime.openOptionsPage()}>
            {t('openSettings')}
          </button>
        )}
      </form>
    </main>
  );
}

function ProviderPart(props: {
  provider: Provider;
  values: Record<string, unknown>;
  errors: Record<string, string>;
  onOverride: (key: string, value: unknown) => void;
  known: Known | null;
  action: 'create' | 'update';
  onAction: (action: 'create' | 'update') => void;
  pastedId: string;
  onPaste: (text: string) => void;
  children?: ComponentChildren;
  changes: Array<{ key: string; label: string; from: string; to: string }> | null;
  updateMode: UpdateMode;
  onUpdateMode: (mode: UpdateMode) => void;
}) {
  const { provider, known, action } = props;
  return (
    <>
      <fieldset class="known">
        <legend>{known ? knownText(provider.label, known.since) : t('newIn', provider.label)}</legend>
        <label>
          <input type="radio" name="action" checked={action === 'create'} onChange={() => props.onAction('create')} />
          {t('createNew')}
        </label>
        <label>
          <input type="radio" name="action" checked={action === 'update'} onChange={() => props.onAction('update')} />
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
              value={props.pastedId}
              placeholder={known?.remoteId ?? ''}
              onInput={(e) => props.onPaste((e.currentTarget as HTMLInputElement).value)}
            />
          </div>
        )}
        {props.changes && (
          <div class="changes">
            <div role="radiogroup" aria-label={t('updateHow')}>
              <label>
                <input
                  type="radio"
                  name="update-mode"
                  checked={props.updateMode === 'fill-empty'}
                  onChange={() => props.onUpdateMode('fill-empty')}
                />
                {t('fillEmpty')}
              </label>
              <label>
                <input
                  type="radio"
                  name="update-mode"
                  checked={props.updateMode === 'overwrite'}
                  onChange={() => props.onUpdateMode('overwrite')}
                />
                {t('overwrite')}
              </label>
            </div>
            {props.changes.length === 0 ? (
              <p class="help">{t('noChanges')}</p>
            ) : (
              <ul aria-label={t('whatChanges')}>
                {props.changes.map((c) => (
                  <li key={c.key}>
                    <strong>{c.label}</strong>: {c.from || '—'} → {c.to || '—'}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </fieldset>
      <ProviderFields provider={provider} values={props.values} errors={props.errors} onOverride={props.onOverride} />
      {props.children}
    </>
  );
}
