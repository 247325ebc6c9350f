import { describe, expect, it } from 'vitest';
import type { CaptureOutcome } from '@/lib/capture';
import type { Candidate } from '@/lib/capture-result';
import type { SendOutcome } from '@/lib/messages';
import { bulkReport, knownRowsIn, outcomeEvent, planBulk, planSend, providerHealth } from '@/lib/popup/plan';
import { provenanceOf } from '@/lib/popup/provenance';
import { initialState, type PopupEvent, type PopupState, reduce } from '@/lib/popup/state';
import { getProvider } from '@/lib/providers/index';
import type { Provider } from '@/lib/providers/types';

// Issue 16, 2: the popup's state is a store with named events, and the plan of a send is pure; both are tested
// here without a browser. The components only show the state and dispatch.
const openphone = getProvider('openphone') as Provider;

const person = (name: string, email: string): Candidate => {
  const [first = '', ...rest] = name.split(' ');
  return {
    name: { full: name, first, last: rest.join(' ') },
    emails: [email],
    phones: [],
    company: 'Acme',
    title: 'VP Sales',
    links: [],
    confidence: 0.9,
    sources: ['mailto'],
  };
};

const capture = (candidates: Candidate[]): CaptureOutcome => ({
  ok: true,
  tabId: 7,
  truncated: false,
  result: { url: 'https://acme.example/team', region: 'US', candidates },
});

const run = (events: PopupEvent[], from: PopupState = initialState()) => events.reduce(reduce, from);

const loaded = (extra: Partial<Extract<PopupEvent, { type: 'loaded' }>> = {}): PopupEvent => ({
  type: 'loaded',
  at: new Date('2026-12-02T09:41:00Z'),
  capture: capture([person('Jane Doe', 'jane@acme.example'), person('Raj Patel', 'raj@acme.example')]),
  connected: ['openphone'],
  defaults: {},
  lastProvider: 'openphone',
  draft: null,
  ...extra,
});

const outcome = (o: Partial<SendOutcome>): SendOutcome => ({
  id: 's1',
  state: 'delivered',
  remoteId: 'OP1',
  error: null,
  already: null,
  next: null,
  ...o,
});

describe('the popup’s store', () => {
  it('opens on the best person and the remembered provider, or the address book when it is gone', () => {
    const state = run([loaded()]);
    expect(state.form.firstName).toBe('Jane');
    expect(state.providerId).toBe('openphone');
    expect(state.edits).toBe(0);
    expect(run([loaded({ connected: [] })]).providerId).toBe('local');
  });

  it('a draft wins over the page, and only the user’s edits count for the next draft', () => {
    const draft = { url: 'https://acme.example/team', selected: 1, form: run([loaded()]).form, providerId: 'local' };
    const state = run([loaded({ draft: { ...draft, form: { ...draft.form, firstName: 'Typed' } } })]);
    expect(state.form.firstName).toBe('Typed');
    expect(state.selected).toBe(1);
    expect(state.providerId).toBe('local');
    const after = run(
      [
        { type: 'picked', index: 1 },
        { type: 'customTyped', key: 'k', value: 'v' },
      ],
      state,
    );
    expect(after.form.firstName).toBe('Raj');
    expect(after.edits).toBe(1);
  });

  it('a new provider starts from its own mapping: typed provider fields, named fields and bulk results go', () => {
    const state = run([
      loaded(),
      { type: 'overridden', key: 'role', value: 'CRO' },
      { type: 'namedRowsEdited', rows: [{ name: 'x', value: 'y' }] },
      { type: 'bulkReported', lines: [{ name: 'A', text: 'ok', error: false }], text: '1 of 1' },
      { type: 'providerChosen', providerId: 'local' },
    ]);
    expect(state).toMatchObject({ providerId: 'local', overrides: {}, namedRows: null, bulkResults: [] });
    expect(state.status).toEqual({ kind: 'idle' });
  });

  it('a person found in the provider makes update the default; a new lookup forgets them', () => {
    const found = run([loaded(), { type: 'found', known: { remoteId: 'OP9', since: null }, current: null }]);
    expect(found.action).toBe('update');
    expect(run([{ type: 'lookupStarted' }], found)).toMatchObject({ known: null, action: 'create' });
  });

  it('ticks toggle; an all-good bulk report clears them, a partial one keeps them', () => {
    const ticked = run([loaded(), { type: 'tickToggled', index: 0 }, { type: 'tickToggled', index: 1 }]);
    expect([...ticked.ticked]).toEqual([0, 1]);
    expect([...run([{ type: 'tickToggled', index: 0 }], ticked).ticked]).toEqual([1]);
    const good: PopupEvent = { type: 'bulkReported', lines: [{ name: 'A', text: '', error: false }], text: '1 of 1' };
    expect(run([good], ticked).ticked.size).toBe(0);
    const bad = { ...good, lines: [{ name: 'A', text: '', error: true }] };
    expect(run([bad], ticked).ticked.size).toBe(2);
    expect(run([bad], ticked).status).toMatchObject({ kind: 'error', next: null });
    expect([...run([{ type: 'tickedNone' }, { type: 'tickedAll' }], ticked).ticked]).toEqual([0, 1]);
    expect(run([{ type: 'tickedNone' }], ticked).ticked.size).toBe(0);
  });
});

describe('the plan of a send', () => {
  it('refuses an invalid form with its field errors, and sends nothing', () => {
    const state = run([loaded(), { type: 'edited', form: { ...run([loaded()]).form, emails: ['not-an-email'] } }]);
    const plan = planSend(state, openphone, 'US');
    expect(plan.kind).toBe('stop');
    if (plan.kind !== 'stop') return;
    expect(plan.event.type).toBe('formRejected');
    expect(Object.keys((plan.event as { errors: object }).errors).length).toBeGreaterThan(0);
  });

  it('saves in the browser when no provider is chosen', () => {
    expect(planSend(run([loaded()]), null, 'US').kind).toBe('in-browser');
  });

  it('an update without an id is refused; one by a pasted link sends an update to that id', () => {
    const state = run([loaded(), { type: 'actionChosen', action: 'update' }]);
    const refused = planSend(state, openphone, 'US');
    expect(refused).toMatchObject({ kind: 'stop', event: { type: 'refused' } });
    const pasted = run([{ type: 'idPasted', text: 'https://my.openphone.com/contacts/abc123' }], state);
    expect(planSend(pasted, openphone, 'US')).toMatchObject({
      kind: 'send',
      remoteId: 'abc123',
      send: { action: 'update', remoteId: 'abc123', allowAgain: false },
    });
    const dots = run([{ type: 'idPasted', text: '..' }], state);
    expect(planSend(dots, openphone, 'US')).toMatchObject({ kind: 'stop', event: { type: 'refused' } });
  });

  it('"Create new" over a known contact is the user’s choice: the outbox is told to allow it', () => {
    const state = run([
      loaded(),
      { type: 'found', known: { remoteId: 'OP9', since: null }, current: null },
      { type: 'actionChosen', action: 'create' },
    ]);
    expect(planSend(state, openphone, 'US')).toMatchObject({
      kind: 'send',
      send: { action: 'create', allowAgain: true },
    });
  });

  it('a failure offers Settings by its kind, whatever the language of its message', () => {
    const plan = { name: 'Jane Doe', remoteId: null };
    const refused = outcomeEvent(
      openphone,
      plan,
      outcome({ state: 'failed', error: 'Clave rechazada', next: 'settings' }),
      null,
    );
    expect(refused).toMatchObject({ type: 'failed', next: 'settings' });
    expect(run([refused]).status).toMatchObject({ kind: 'error', next: 'settings' });
    // A message that names Settings but is not about the account offers nothing more.
    const invalid = outcomeEvent(
      openphone,
      plan,
      outcome({ state: 'failed', error: 'check Settings', next: null }),
      null,
    );
    expect(run([invalid]).status).toMatchObject({ kind: 'error', next: null });
    const sent = outcomeEvent(openphone, plan, outcome({ remoteId: 'OP1' }), null);
    expect(sent).toMatchObject({ type: 'saved', known: { remoteId: 'OP1' } });
  });

  it('a bulk send: one line per person, refused ones first, lost outcomes as not sent', () => {
    const state = run([loaded()]);
    const people = [person('Jane Doe', 'jane@acme.example'), person('Raj Patel', 'raj@acme.example')];
    const { refused, sends } = planBulk(state, openphone, people, 'https://acme.example/team');
    expect(refused).toEqual([]);
    expect(sends.map((s) => [s.name, s.action])).toEqual([
      ['Jane Doe', 'create'],
      ['Raj Patel', 'create'],
    ]);
    const report = bulkReport('OpenPhone', refused, ['Jane Doe', 'Raj Patel'], [outcome({}), null], 'no answer');
    expect(report).toMatchObject({ type: 'bulkReported' });
    const lines = (report as Extract<PopupEvent, { type: 'bulkReported' }>).lines;
    expect(lines.map((l) => [l.name, l.error])).toEqual([
      ['Jane Doe', false],
      ['Raj Patel', true],
    ]);
    expect(lines[1]?.text).toContain('no answer');
  });
});

describe('where a value came from', () => {
  it('sends the page and the time it was read with every contact, single or bulk, in the fields the provider has', () => {
    const state = run([loaded()]);
    const single = planSend(state, openphone, 'US');
    expect(single).toMatchObject({
      kind: 'send',
      send: {
        contact: { website: 'https://acme.example/team', capturedAt: '2026-12-02T09:41:00.000Z' },
        values: { sourceUrl: 'https://acme.example/team' },
      },
    });
    const cleartalk = getProvider('cleartalk') as Provider;
    const { sends } = planBulk(
      state,
      cleartalk,
      [person('Raj Patel', 'raj@acme.example')],
      'https://acme.example/team',
    );
    expect(sends[0]?.contact.capturedAt).toBe('2026-12-02T09:41:00.000Z');
    expect(sends[0]?.values.clearTalkNotes).toContain('Found on https://acme.example/team at 2026-12-02 09:41 UTC');
    // Saved in the browser: the address book keeps both.
    expect(planSend(state, null, 'US')).toMatchObject({
      kind: 'in-browser',
      contact: { capturedAt: '2026-12-02T09:41:00.000Z' },
    });
  });

  it('names the page, the kinds of source in words, and when the page was read', () => {
    const c = {
      ...person('Jane Doe', 'jane@acme.example'),
      sources: ['mailto', 'json-ld', 'tel'] as Candidate['sources'],
    };
    const said = provenanceOf(c, 'https://acme.example/team', new Date(2026, 11, 2, 9, 41), 'en-GB');
    expect(said).toBe('Found on acme.example in a mailto or tel link and the page’s structured data, read at 09:41.');
  });
});

describe('rows already known', () => {
  it('by our history of deliveries to the selected provider, and only for that provider', () => {
    const people = [person('Jane Doe', 'jane@acme.example'), person('Raj Patel', 'raj@acme.example')];
    const record = {
      id: 'h1',
      providerId: 'openphone',
      action: 'create' as const,
      remoteId: 'OP7',
      externalId: null,
      name: 'Raj Patel',
      emails: ['RAJ@acme.example'],
      phones: [],
      at: '2026-11-20T10:00:00.000Z',
      outcome: 'delivered' as const,
      error: null,
    };
    const rows = knownRowsIn([record], 'openphone', people);
    expect(rows).toEqual([null, { remoteId: 'OP7', since: '2026-11-20T10:00:00.000Z' }]);
    expect(knownRowsIn([record], 'vixiees', people)).toEqual([null, null]);
    const state = run([loaded(), { type: 'rowsKnown', providerId: 'openphone', rows }]);
    expect(state.knownRows).toEqual(rows);
    // An answer for the provider no longer selected is dropped.
    expect(
      run(
        [
          { type: 'providerChosen', providerId: 'local' },
          { type: 'rowsKnown', providerId: 'openphone', rows },
        ],
        state,
      ).knownRows,
    ).toEqual([]);
  });
});

describe('the header’s provider state', () => {
  const record = (outcome: 'delivered' | 'failed' | 'pending', errorKind: 'auth' | 'server' | null = null) => ({
    id: `r-${Math.random()}`,
    providerId: 'openphone',
    action: 'create' as const,
    remoteId: outcome === 'delivered' ? 'OP1' : null,
    externalId: null,
    name: 'Jane Doe',
    emails: ['jane@acme.example'],
    phones: [],
    at: '2026-12-02T09:41:00.000Z',
    outcome,
    error: outcome === 'failed' ? 'no' : null,
    errorKind,
  });

  it('counts sends still waiting and says whether the newest settled one failed, and how', () => {
    expect(providerHealth([], 'openphone')).toEqual({ waiting: 0, lastFailed: null });
    // Newest first: a refused key after a delivery needs Settings; a server fault may pass by itself.
    expect(providerHealth([record('pending'), record('failed', 'auth'), record('delivered')], 'openphone')).toEqual({
      waiting: 1,
      lastFailed: { settings: true },
    });
    expect(providerHealth([record('failed', 'server')], 'openphone').lastFailed).toEqual({ settings: false });
    expect(providerHealth([record('delivered'), record('failed', 'auth')], 'openphone').lastFailed).toBeNull();
    expect(providerHealth([record('failed', 'auth')], 'vixiees')).toEqual({ waiting: 0, lastFailed: null });
  });

  it('keeps the health only for the provider it was read for', () => {
    const health = { waiting: 2, lastFailed: null };
    const state = run([loaded(), { type: 'rowsKnown', providerId: 'openphone', rows: [], health }]);
    expect(state.health).toEqual(health);
    const other = { waiting: 9, lastFailed: { settings: true } };
    expect(run([{ type: 'rowsKnown', providerId: 'vixiees', rows: [], health: other }], state).health).toEqual(health);
  });
});

describe('rows already known', () => {
  it('keeps what a lookup found while the provider stays selected, and forgets it when another is chosen', () => {
    const looked = { remoteId: 'OP7', since: null };
    let state = run([loaded(), { type: 'rowsKnown', providerId: 'openphone', rows: [null, looked] }]);
    // A later read of the history alone (after a send, say) knows neither row: the lookup's answer stays.
    state = run([{ type: 'rowsKnown', providerId: 'openphone', rows: [null, null] }], state);
    expect(state.knownRows).toEqual([null, looked]);
    state = run([{ type: 'providerChosen', providerId: 'local' }], state);
    expect(state.knownRows).toEqual([]);
  });
});
