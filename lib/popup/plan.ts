import { isSamePerson } from '../address-book';
import type { Candidate } from '../capture-result';
import { type Contact, type ContactInput, candidateToContact, displayName, emptyContactInput } from '../contact';
import { nextStepOf } from '../failure';
import { formSoFar, formToInput } from '../form';
import { knownIn, type SendRecord } from '../history';
import { t } from '../i18n';
import type { Message, SendOutcome } from '../messages';
import {
  checkValues,
  customFieldValues,
  idFromPasted,
  mergeForUpdate,
  outcomeText,
  providerValues,
} from '../provider-form';
import { idProblem } from '../providers/http';
import type { Provider } from '../providers/types';
import type { BulkLine, Known, PopupEvent, PopupState, ProviderHealth } from './state';

/** What a send from the popup is made of, and what its outcome says: pure functions of the popup's state. */
export type Send = Omit<Extract<Message, { type: 'outbox.send' }>['sends'][number], 'id'>;

/** The provider's values for a contact: its mapping, the Settings defaults, what was typed, custom fields. */
export function valuesFor(state: PopupState, provider: Provider, contact: ContactInput): Record<string, unknown> {
  const mapped = providerValues(provider, contact, { ...state.defaults[provider.id], ...state.overrides });
  const custom = customFieldValues(state.customDefs, state.customTyped);
  if (custom.length > 0) mapped.customFields = custom;
  if (state.namedRows && 'custom' in mapped)
    mapped.custom = Object.fromEntries(
      state.namedRows.filter((r) => r.name.trim()).map((r) => [r.name.trim(), r.value]),
    );
  return mapped;
}

/** The form as the provider's values while it is being typed (incomplete values are shown, not refused). */
export function shownValues(state: PopupState, provider: Provider, region: string): Record<string, unknown> {
  const checked = formToInput(state.form, region);
  return valuesFor(state, provider, checked.ok ? checked.input : formSoFar(state.form, region));
}

export type SendPlan =
  | { kind: 'stop'; event: PopupEvent }
  | { kind: 'in-browser'; contact: ContactInput }
  | { kind: 'send'; name: string; remoteId: string | null; send: Send };

/** What pressing the form's button does: refuse with a reason, save in the browser, or send this. */
export function planSend(state: PopupState, provider: Provider | null, region: string): SendPlan {
  const form = formToInput(state.form, region);
  if (!form.ok)
    return {
      kind: 'stop',
      event: { type: 'formRejected', errors: form.errors, text: form.errors.form ?? t('fieldsNeedLook') },
    };
  // Where it came from goes with it: the page (the form's website) and when it was read.
  const checked = { ...form, input: { ...form.input, capturedAt: state.readAt?.toISOString() ?? '' } };
  if (!provider) return { kind: 'in-browser', contact: checked.input };
  const pasted = idFromPasted(state.pastedId);
  const remoteId = state.action === 'update' ? (pasted ?? state.known?.remoteId ?? null) : null;
  const ours = valuesFor(state, provider, checked.input);
  // The change view (what we last sent) applies to the known contact, not to one named by a pasted id.
  const merged =
    remoteId && state.current && !pasted
      ? mergeForUpdate(provider.fields, state.current, ours, state.updateMode)
      : ours;
  const valid = checkValues(provider, merged);
  if (!valid.ok) {
    const text = Object.values(valid.errors)[0] ?? t('providerFieldsNeedLook', provider.label);
    return { kind: 'stop', event: { type: 'providerRejected', errors: valid.errors, text } };
  }
  if (state.action === 'update' && !remoteId)
    return { kind: 'stop', event: { type: 'refused', text: t('pasteIdToUpdate', provider.label) } };
  if (remoteId && idProblem(remoteId, provider.idPattern))
    return { kind: 'stop', event: { type: 'refused', text: t('notAnId', remoteId.slice(0, 40), provider.label) } };
  return {
    kind: 'send',
    name: displayName(checked.input),
    remoteId,
    send: {
      // "Create" chosen over the contact on record is the user's decision, not a duplicate to refuse.
      allowAgain: !remoteId && state.known !== null,
      action: remoteId ? 'update' : 'create',
      remoteId,
      contact: checked.input,
      values: valid.values,
    },
  };
}

/** What a single send's outcome says, as the event that shows it (and, when delivered, who it is now). */
export function outcomeEvent(
  provider: Provider,
  plan: { name: string; remoteId: string | null },
  outcome: SendOutcome,
  known: Known | null,
  now = new Date(),
): PopupEvent {
  const said = outcomeText(provider.label, plan.name, outcome);
  if (outcome.state === 'delivered')
    return {
      type: 'saved',
      text: plan.remoteId && !outcome.already ? t('updatedIn', plan.name, provider.label) : said.text,
      known: { remoteId: outcome.remoteId ?? plan.remoteId ?? '', since: known?.since ?? now.toISOString() },
    };
  return said.error ? { type: 'failed', text: said.text, next: outcome.next } : { type: 'saved', text: said.text };
}

/** The ticked people, in the order of the list. */
export function tickedPeople(state: PopupState, candidates: Candidate[]): Candidate[] {
  return [...state.ticked].sort((a, b) => a - b).flatMap((i) => (candidates[i] ? [candidates[i]] : []));
}

/** A bulk send to a provider: the people its checks refuse (each with why) and the sends for the rest. */
export function planBulk(
  state: PopupState,
  provider: Provider,
  people: Candidate[],
  url: string,
): { refused: BulkLine[]; sends: Array<Send & { name: string }> } {
  const refused: BulkLine[] = [];
  const sends: Array<Send & { name: string }> = [];
  for (const candidate of people) {
    const contact = candidateToContact(candidate, url, state.readAt);
    const name = displayName(contact);
    const valid = checkValues(
      provider,
      providerValues(provider, contact, { ...state.defaults[provider.id], ...state.overrides }),
    );
    if (!valid.ok) refused.push({ name, text: t('notSent', name, Object.values(valid.errors)[0] ?? ''), error: true });
    else sends.push({ name, action: 'create', remoteId: null, contact, values: valid.values });
  }
  return { refused, sends };
}

/** One line per person of a bulk send, and the sentence over them. */
export function bulkReport(
  label: string,
  refused: BulkLine[],
  names: string[],
  outcomes: Array<SendOutcome | null>,
  error: string | null,
): PopupEvent {
  const lines = [
    ...refused,
    ...outcomes.map((outcome, i): BulkLine => {
      const name = names[i] ?? '';
      return outcome
        ? { name, ...outcomeText(label, name, outcome) }
        : { name, text: t('notSent', name, error ?? t('unknownError')), error: true };
    }),
  ];
  const good = lines.filter((l) => !l.error).length;
  return { type: 'bulkReported', lines, text: t('nOfMSent', good, lines.length, label) };
}

/**
 * "What is there" for a known person: the providers are asked for ids only, so it is what we last sent, the
 * history's person through the same mapping. Edits made in the provider since are not seen (the view says so).
 */
export function currentFromHistory(
  provider: Provider,
  input: ContactInput,
  record: SendRecord,
): Record<string, unknown> {
  // The history keeps the full name: split it as we did when the name has not changed.
  const same = `${input.firstName} ${input.lastName}`.trim() === record.name;
  const [head = '', ...rest] = record.name.split(' ');
  return providerValues(
    provider,
    {
      ...emptyContactInput(),
      firstName: same ? input.firstName : head,
      lastName: same ? input.lastName : rest.join(' '),
      emails: record.emails,
      phones: record.phones.map((value) => ({ value, type: 'work' as const })),
    },
    {},
  );
}

/** For each row of the list, the contact it already is in the provider, by our history of deliveries. */
export function knownRowsIn(records: SendRecord[], providerId: string, people: Candidate[]): Array<Known | null> {
  return people.map((c) => knownIn(records, providerId, { emails: c.emails, phones: c.phones.map((p) => p.e164) }));
}

/** The provider's health for the popup's header, from the history (newest record first). */
export function providerHealth(records: SendRecord[], providerId: string): ProviderHealth {
  const mine = records.filter((r) => r.providerId === providerId);
  const waiting = mine.filter((r) => r.outcome === 'pending' || r.outcome === 'unknown').length;
  const last = mine.find((r) => r.outcome === 'delivered' || r.outcome === 'failed');
  return {
    waiting,
    lastFailed:
      last?.outcome === 'failed'
        ? { settings: last.errorKind !== null && nextStepOf(last.errorKind) === 'settings' }
        : null,
  };
}

/** For each row of the list, the address book's contact it already is (same e-mail or phone). */
export function knownRowsInBook(contacts: Contact[], people: Candidate[]): Array<Known | null> {
  return people.map((c) => {
    const found = contacts.find((k) =>
      isSamePerson(k, { emails: c.emails, phones: c.phones.map((p) => ({ value: p.e164, type: p.type })) }),
    );
    return found ? { remoteId: found.id, since: found.createdAt } : null;
  });
}
