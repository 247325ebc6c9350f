import { useEffect, useMemo, useReducer, useRef } from 'preact/hooks';
import { listContacts } from '@/lib/address-book';
import { readCapture } from '@/lib/capture';
import { type ContactInput, candidateToContact, displayName } from '@/lib/contact';
import { clearDraft, loadDraft, saveDraft } from '@/lib/drafts';
import { formToInput } from '@/lib/form';
import { listHistory } from '@/lib/history';
import { t } from '@/lib/i18n';
import type { Injected } from '@/lib/inject';
import { type Replies, type Reply, type SendOutcome, sendMessage } from '@/lib/messages';
import {
  bulkReport,
  currentFromHistory,
  knownRowsIn,
  knownRowsInBook,
  outcomeEvent,
  planBulk,
  planSend,
  providerHealth,
  type Send,
  shownValues,
  tickedPeople,
} from '@/lib/popup/plan';
import {
  type BulkLine,
  candidatesOf,
  initialState,
  type Known,
  type PopupEvent,
  pageUrl,
  reduce,
} from '@/lib/popup/state';
import { getProvider, IN_BROWSER_ID } from '@/lib/providers/index';
import { loadSettings, saveSettings } from '@/lib/settings';

/**
 * The popup's store (lib/popup/state.ts) and what it asks of the browser: reading the page, the account's
 * custom fields, whether the person is known, keeping a draft, sending. Components get the state, a dispatch and
 * the two sends. The page's reading began before this loaded (entrypoints/popup/main.tsx): `injected`.
 */
export function usePopup(injected: Promise<Injected>, accountsAsked: Promise<unknown> = Promise.resolve(null)) {
  const [state, dispatch] = useReducer(reduce, undefined, initialState);
  const draftTimer = useRef<ReturnType<typeof setTimeout>>(undefined);
  /** Stops following the outcome of the last send in storage. */
  const following = useRef<(() => void) | null>(null);
  /** What each provider's lookup of the list's rows found, asked once while the popup is open. */
  const lookedUp = useRef(new Map<string, Array<Known | null>>());
  useEffect(() => () => following.current?.(), []);

  useEffect(() => {
    void (async () => {
      // The worker's answer is asked for at once; the page's people need the region from the settings.
      // Asked by the popup's first script (lib/inject.ts); asked again if that answer is not a reply.
      const listed = accountsAsked.then((early) =>
        isReply(early) ? (early as Reply<Replies['accounts.list']>) : sendMessage({ type: 'accounts.list' }),
      );
      const settings = await loadSettings();
      const capture = await injected.then((result) => readCapture(result, { region: settings.region }));
      const url = capture.ok ? capture.result.url : '';
      const [accounts, draft] = await Promise.all([
        listed,
        capture.tabId !== null ? loadDraft(capture.tabId, url) : null,
      ]);
      const connected = accounts.ok ? accounts.value.map((a) => a.providerId).filter((id) => getProvider(id)) : [];
      dispatch({
        type: 'loaded',
        capture,
        at: new Date(),
        connected,
        defaults: settings.defaults,
        lastProvider: settings.lastProvider,
        draft,
      });
    })();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') window.close();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const region = state.capture?.ok ? state.capture.result.region : 'US';
  const provider = state.providerId === IN_BROWSER_ID ? null : getProvider(state.providerId);
  const checked = useMemo(() => formToInput(state.form, region), [state.form, region]);
  const values = useMemo(() => (provider ? shownValues(state, provider, region) : null), [state, provider, region]);
  const tabId = state.capture?.tabId ?? null;

  // The draft keeps each edit of the user, for this tab.
  useEffect(() => {
    if (state.edits === 0 || tabId === null) return;
    clearTimeout(draftTimer.current);
    const { selected, form, providerId, overrides } = state;
    const url = pageUrl(state);
    draftTimer.current = setTimeout(() => void saveDraft(tabId, { url, selected, form, providerId, overrides }), 150);
  }, [state.edits]);

  // The choice of provider is remembered for the next popup.
  useEffect(() => {
    if (state.edits > 0) void saveSettings({ lastProvider: state.providerId });
  }, [state.providerId]);

  // The account's custom fields (OpenPhone), offered by type.
  useEffect(() => {
    if (!provider) return;
    void sendMessage({ type: 'provider.customFields', providerId: provider.id }).then((reply) => {
      if (reply.ok) dispatch({ type: 'customFieldsRead', defs: reply.value });
    });
  }, [provider?.id]);

  // Which rows of the list are already in the provider (our history) or in the address book.
  useEffect(() => {
    const people = candidatesOf(state);
    if (state.capture === null) return;
    const providerId = state.providerId;
    void (async () => {
      if (!provider)
        return dispatch({ type: 'rowsKnown', providerId, rows: knownRowsInBook(await listContacts(), people) });
      const records = await listHistory();
      const health = providerHealth(records, provider.id);
      const rows = knownRowsIn(records, provider.id, people);
      dispatch({ type: 'rowsKnown', providerId, rows, health });
      // Rows our history does not know: one lookup for all of them where the provider can (OpenPhone), once per
      // provider while the popup is open (its answer is kept for when the provider is chosen again).
      if (!provider.lookupMany || !rows.includes(null)) return;
      const url = pageUrl(state);
      let looked = lookedUp.current.get(providerId);
      if (!looked) {
        const reply = await sendMessage({
          type: 'provider.checkMany',
          providerId,
          contacts: people.slice(0, 200).map((c) => candidateToContact(c, url)),
        });
        if (!reply.ok) return;
        looked = people.map((_, i) => (reply.value[i] ? { remoteId: reply.value[i].remoteId, since: null } : null));
        lookedUp.current.set(providerId, looked);
      }
      const found = looked;
      dispatch({ type: 'rowsKnown', providerId, rows: rows.map((r, i) => r ?? found[i] ?? null), health });
    })();
  }, [state.providerId, state.capture, state.bulkResults, state.status.kind]);

  // Is this person already in the provider (our history, then a lookup by our external id)?
  const channels = checked.ok
    ? `${checked.input.emails.join()}|${checked.input.phones.map((p) => p.value).join()}`
    : '';
  useEffect(() => {
    dispatch({ type: 'lookupStarted' });
    if (!provider || !checked.ok) return;
    const input = checked.input;
    const timer = setTimeout(async () => {
      const reply = await sendMessage({ type: 'provider.check', providerId: provider.id, contact: input });
      if (!reply.ok || !reply.value) return;
      const found = reply.value;
      const record = (await listHistory()).find(
        (r) => r.providerId === provider.id && r.remoteId === found.remoteId && r.outcome === 'delivered',
      );
      dispatch({
        type: 'found',
        known: { remoteId: found.remoteId, since: found.since },
        current: record ? currentFromHistory(provider, input, record) : null,
      });
    }, 250);
    return () => clearTimeout(timer);
  }, [provider, channels]);

  const finish = async () => {
    clearTimeout(draftTimer.current);
    if (tabId !== null) await clearDraft(tabId);
  };

  const follow = async (
    sends: Send[],
    onChange: (outcomes: Array<SendOutcome | null>, error: string | null) => void,
  ) => {
    if (!provider) return;
    following.current?.();
    const { sendAndFollow } = await import('@/lib/delivery/send');
    following.current = await sendAndFollow(provider.id, sends, onChange);
  };

  const saveLocally = async (contact: ContactInput) => {
    dispatch({ type: 'sending' });
    const reply = await sendMessage({ type: 'addressBook.save', contact });
    if (!reply.ok) return dispatch({ type: 'failed', text: reply.error });
    await finish();
    const name = displayName(reply.value.contact);
    dispatch({
      type: 'saved',
      text: reply.value.status === 'created' ? t('savedToBook', name) : t('alreadyInBook', name),
    });
  };

  const submit = async () => {
    const plan = planSend(state, provider, region);
    if (plan.kind === 'stop') return dispatch(plan.event);
    if (plan.kind === 'in-browser') return saveLocally(plan.contact);
    if (!provider) return;
    dispatch({ type: 'sending' });
    const known = state.known;
    await follow([plan.send], ([outcome], error) => {
      if (!outcome) return dispatch({ type: 'failed', text: error ?? t('unknownError') });
      const event: PopupEvent = outcomeEvent(provider, plan, outcome, known);
      if (event.type === 'saved') void finish().then(() => dispatch(event));
      else dispatch(event);
    });
  };

  /** The ticked people in one go, each with its own outcome. */
  const sendTicked = async () => {
    const url = pageUrl(state);
    const people = tickedPeople(state, candidatesOf(state));
    if (!provider) {
      const lines: BulkLine[] = [];
      for (const candidate of people) {
        const contact = candidateToContact(candidate, url, state.readAt);
        const name = displayName(contact);
        const reply = await sendMessage({ type: 'addressBook.save', contact });
        lines.push(
          reply.ok
            ? { name, text: t('savedTo', name, t('yourAddressBook')), error: false }
            : { name, text: t('notSaved', name, reply.error), error: true },
        );
      }
      return dispatch(bulkReport(t('yourAddressBook'), lines, [], [], null));
    }
    const { refused, sends } = planBulk(state, provider, people, url);
    if (sends.length === 0) return dispatch(bulkReport(provider.label, refused, [], [], null));
    dispatch({ type: 'sending' });
    // Each outcome is followed in storage, where the sends were stored before any answer: a reply lost with a
    // stopped worker is neither a failure nor a reason to send them again.
    const names = sends.map((s) => s.name);
    await follow(
      sends.map(({ name: _, ...send }) => send),
      (outcomes, error) => dispatch(bulkReport(provider.label, refused, names, outcomes, error)),
    );
  };

  return { state, dispatch, provider, values, submit, sendTicked };
}

const isReply = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
