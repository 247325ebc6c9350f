import type { CaptureOutcome } from '../capture';
import type { Candidate } from '../capture-result';
import type { Draft } from '../drafts';
import type { NextStep } from '../failure';
import { blankForm, type ContactForm, candidateToForm, type FormErrors } from '../form';
import type { CustomFieldDef } from '../messages';
import type { UpdateMode } from '../provider-form';
import { IN_BROWSER_ID } from '../providers/index';

/**
 * The popup's state and the named events that change it: one pure function, tested without a browser
 * (test/unit/popup-state.test.ts). Components read the state and dispatch events; what talks to the browser
 * (capture, messages, drafts) lives in components/usePopup.ts.
 */
export type Status =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; text: string }
  | { kind: 'error'; text: string; next: NextStep };

/** The person as the selected provider already has them. */
export interface Known {
  remoteId: string;
  since: string | null;
}

export interface BulkLine {
  name: string;
  text: string;
  error: boolean;
}

/** How the selected provider is doing, by our history: sends still waiting, and whether the last one failed. */
export interface ProviderHealth {
  waiting: number;
  /** The newest settled send failed, and how (a refused key needs Settings, a fault may pass). */
  lastFailed: { settings: boolean } | null;
}

export interface PopupState {
  /** null until the page was read. */
  capture: CaptureOutcome | null;
  /** When the page was read (what the form says about where its values came from). */
  readAt: Date | null;
  connected: string[];
  /** Settings' defaults per provider. */
  defaults: Record<string, Record<string, unknown>>;
  selected: number;
  form: ContactForm;
  errors: FormErrors;
  status: Status;
  providerId: string;
  /** What was typed into the provider's own fields. */
  overrides: Record<string, unknown>;
  customDefs: CustomFieldDef[];
  customTyped: Record<string, string | boolean>;
  /** Fields by the account's own names, once edited (until then, the provider's mapping). */
  namedRows: Array<{ name: string; value: string }> | null;
  providerErrors: Record<string, string>;
  known: Known | null;
  /** What we last sent of the known person, in the provider's fields: the base of the change view. */
  current: Record<string, unknown> | null;
  action: 'create' | 'update';
  pastedId: string;
  updateMode: UpdateMode;
  ticked: ReadonlySet<number>;
  /** The selected provider's health (null for the address book, or until the history was read). */
  health: ProviderHealth | null;
  /** For each row of the list, the person as the selected provider (or the address book) already has them. */
  knownRows: Array<Known | null>;
  bulkResults: BulkLine[];
  /** Counts the user's edits that a draft keeps (form, pick, provider, provider fields); 0: nothing to keep. */
  edits: number;
}

export type PopupEvent =
  | {
      type: 'loaded';
      capture: CaptureOutcome;
      at: Date;
      connected: string[];
      defaults: PopupState['defaults'];
      lastProvider: string;
      draft: Draft | null;
    }
  | { type: 'picked'; index: number }
  | { type: 'edited'; form: ContactForm }
  | { type: 'providerChosen'; providerId: string }
  | { type: 'overridden'; key: string; value: unknown }
  | { type: 'customFieldsRead'; defs: CustomFieldDef[] }
  | { type: 'customTyped'; key: string; value: string | boolean }
  | { type: 'namedRowsEdited'; rows: Array<{ name: string; value: string }> }
  | { type: 'lookupStarted' }
  | { type: 'found'; known: Known; current: Record<string, unknown> | null }
  | { type: 'actionChosen'; action: 'create' | 'update' }
  | { type: 'idPasted'; text: string }
  | { type: 'updateModeChosen'; mode: UpdateMode }
  | { type: 'tickToggled'; index: number }
  /** Every person of the list ticked, or none. */
  | { type: 'rowsKnown'; providerId: string; rows: Array<Known | null>; health?: ProviderHealth | null }
  | { type: 'tickedAll' }
  | { type: 'tickedNone' }
  | { type: 'formRejected'; errors: FormErrors; text: string }
  | { type: 'providerRejected'; errors: Record<string, string>; text: string }
  /** The send was refused before anything left (an update without an id, an id that cannot be one). */
  | { type: 'refused'; text: string }
  | { type: 'sending' }
  | { type: 'saved'; text: string; known?: Known }
  | { type: 'failed'; text: string; next?: NextStep }
  | { type: 'bulkReported'; lines: BulkLine[]; text: string };

export function initialState(): PopupState {
  return {
    capture: null,
    readAt: null,
    connected: [],
    defaults: {},
    selected: 0,
    form: blankForm(),
    errors: {},
    status: { kind: 'idle' },
    providerId: IN_BROWSER_ID,
    overrides: {},
    customDefs: [],
    customTyped: {},
    namedRows: null,
    providerErrors: {},
    known: null,
    current: null,
    action: 'create',
    pastedId: '',
    updateMode: 'fill-empty',
    ticked: new Set(),
    health: null,
    knownRows: [],
    bulkResults: [],
    edits: 0,
  };
}

export function candidatesOf(state: PopupState): Candidate[] {
  return state.capture?.ok ? state.capture.result.candidates : [];
}

export function pageUrl(state: PopupState): string {
  return state.capture?.ok ? state.capture.result.url : '';
}

/** A user's edit: the draft keeps it and an old outcome no longer describes the form. */
const edited = (state: PopupState, change: Partial<PopupState>): PopupState => ({
  ...state,
  ...change,
  status: { kind: 'idle' },
  edits: state.edits + 1,
});

export function reduce(state: PopupState, event: PopupEvent): PopupState {
  switch (event.type) {
    case 'loaded': {
      const { capture, connected, draft } = event;
      const remembered = draft?.providerId ?? event.lastProvider;
      const providerId = remembered === IN_BROWSER_ID || connected.includes(remembered) ? remembered : IN_BROWSER_ID;
      const url = capture.ok ? capture.result.url : '';
      const first = capture.ok ? capture.result.candidates[0] : undefined;
      return {
        ...state,
        capture,
        readAt: event.at,
        connected,
        defaults: event.defaults,
        providerId,
        selected: draft?.selected ?? 0,
        form: draft ? draft.form : first ? candidateToForm(first, url) : blankForm(url),
        overrides: draft?.overrides ?? {},
      };
    }
    case 'picked': {
      const candidate = candidatesOf(state)[event.index];
      if (!candidate) return { ...state, selected: event.index, errors: {} };
      return edited(state, { selected: event.index, errors: {}, form: candidateToForm(candidate, pageUrl(state)) });
    }
    case 'edited':
      return edited(state, { form: event.form });
    case 'providerChosen':
      return edited(state, {
        providerId: event.providerId,
        overrides: {},
        namedRows: null,
        providerErrors: {},
        bulkResults: [],
        customDefs: [],
        knownRows: [],
      });
    case 'overridden':
      return edited(state, { overrides: { ...state.overrides, [event.key]: event.value } });
    case 'customFieldsRead':
      return { ...state, customDefs: event.defs };
    case 'customTyped':
      return { ...state, customTyped: { ...state.customTyped, [event.key]: event.value } };
    case 'namedRowsEdited':
      return { ...state, namedRows: event.rows };
    case 'lookupStarted':
      return { ...state, known: null, current: null, action: 'create' };
    case 'found':
      return { ...state, known: event.known, current: event.current, action: 'update' };
    case 'actionChosen':
      return { ...state, action: event.action };
    case 'idPasted':
      return { ...state, pastedId: event.text };
    case 'updateModeChosen':
      return { ...state, updateMode: event.mode };
    case 'tickToggled': {
      const ticked = new Set(state.ticked);
      if (ticked.has(event.index)) ticked.delete(event.index);
      else ticked.add(event.index);
      return { ...state, ticked };
    }
    case 'rowsKnown':
      // An answer for a provider no longer selected says nothing about this one.
      // What a lookup found stays found while the provider stays selected: a later read of the history adds to it.
      return event.providerId === state.providerId
        ? {
            ...state,
            knownRows: event.rows.map((r, i) => r ?? state.knownRows[i] ?? null),
            health: event.health ?? null,
          }
        : state;
    case 'tickedAll':
      return { ...state, ticked: new Set(candidatesOf(state).map((_, i) => i)) };
    case 'tickedNone':
      return { ...state, ticked: new Set() };
    case 'formRejected':
      return { ...state, errors: event.errors, status: { kind: 'error', text: event.text, next: null } };
    case 'providerRejected':
      return {
        ...state,
        errors: {},
        providerErrors: event.errors,
        status: { kind: 'error', text: event.text, next: null },
      };
    case 'refused':
      return { ...state, errors: {}, providerErrors: {}, status: { kind: 'error', text: event.text, next: null } };
    case 'sending':
      return { ...state, errors: {}, providerErrors: {}, status: { kind: 'saving' } };
    case 'saved':
      return { ...state, status: { kind: 'saved', text: event.text }, known: event.known ?? state.known };
    case 'failed':
      return { ...state, status: { kind: 'error', text: event.text, next: event.next ?? null } };
    case 'bulkReported': {
      const allGood = event.lines.every((l) => !l.error);
      return {
        ...state,
        bulkResults: event.lines,
        status: allGood ? { kind: 'saved', text: event.text } : { kind: 'error', text: event.text, next: null },
        ticked: allGood ? new Set() : state.ticked,
      };
    }
  }
}
