import { useEffect, useState } from 'preact/hooks';
import type { Candidate } from '@/lib/capture-result';
import { readablePhone } from '@/lib/form';
import { t } from '@/lib/i18n';
import { knownText } from '@/lib/provider-form';

interface Props {
  candidates: Candidate[];
  selected: number;
  onSelect: (index: number) => void;
  /** The people ticked for a bulk send. */
  ticked: ReadonlySet<number>;
  onTick: (index: number) => void;
  onTickAll: (all: boolean) => void;
  /** Per row, when the person is already in the selected provider (or the address book). */
  known: Array<{ since: string | null } | null>;
  /** The selected provider's name, or null for the address book. */
  target: string | null;
  /** Enter in the list: send the ticked people, or the one in the form. */
  onEnter: () => void;
}

/**
 * Rows drawn with the form, and then per turn of the event loop: a list of 200 drawn at once held the popup for
 * 60 ms of layout and rendering before its form could show (a Chromium trace of an open on a 1 MB directory).
 */
const ROWS_AT_ONCE = 40;

/** An organisation's own entry: no person's name, the organisation's. */
const isOrganisation = (c: Candidate) => c.name === null && c.company !== null;

function nameOf(c: Candidate): string {
  return c.name?.full ?? c.company ?? c.emails[0] ?? (c.phones[0] ? readablePhone(c.phones[0].e164) : t('unnamed'));
}

/**
 * The people found on the page, best first. Picking a row fills the form; ticks are for sending several at once.
 * Each row reads at a glance: the name (an organisation marked as one), title · company, and its channels.
 */
export function CandidatePicker(props: Props) {
  const { candidates, selected, onSelect, ticked, onTick, onTickAll, onEnter } = props;
  // The selected row is always drawn, wherever it stands (a draft may have picked the 150th).
  const [drawn, setDrawn] = useState(Math.max(ROWS_AT_ONCE, selected + 1));
  useEffect(() => {
    if (drawn >= candidates.length) return;
    // A timer, not an animation frame: those stop in a tab that is not shown.
    const timer = setTimeout(() => setDrawn((n) => n + ROWS_AT_ONCE), 0);
    return () => clearTimeout(timer);
  }, [drawn, candidates.length]);
  return (
    <fieldset
      class="candidates"
      onKeyDown={(event) => {
        if (event.key !== 'Enter' || (event.target as HTMLElement).tagName === 'BUTTON') return;
        event.preventDefault();
        onEnter();
      }}
    >
      <legend>{t('peopleOnPage', candidates.length)}</legend>
      <div class="tick-bar">
        <span>{t('nTicked', ticked.size, candidates.length)}</span>
        <button type="button" class="link" onClick={() => onTickAll(true)} disabled={ticked.size === candidates.length}>
          {t('selectAll')}
        </button>
        <button type="button" class="link" onClick={() => onTickAll(false)} disabled={ticked.size === 0}>
          {t('selectNone')}
        </button>
      </div>
      <ul>
        {candidates.slice(0, Math.max(drawn, selected + 1)).map((c, i) => {
          const name = nameOf(c);
          const org = isOrganisation(c);
          const about = [c.title, org ? null : c.company].filter(Boolean).join(' · ');
          return (
            <li key={`${name}-${i}`} class={org ? 'org' : 'person'}>
              <label>
                <input
                  type="radio"
                  name="candidate"
                  checked={i === selected}
                  onChange={() => onSelect(i)}
                  aria-label={name}
                />
                <span class="who">
                  {name}
                  {org && <span class="badge">{t('organisation')}</span>}
                </span>
                {about && <span class="detail">{about}</span>}
                {props.known[i] && (
                  <span class="known-row">
                    {props.target ? knownText(props.target, props.known[i]?.since ?? null) : t('inBookAlready')}
                  </span>
                )}
                <span class="channels" title={t('channelCounts', c.emails.length, c.phones.length)}>
                  {c.emails.length > 0 && <span aria-hidden="true">✉ {c.emails.length}</span>}
                  {c.phones.length > 0 && <span aria-hidden="true">☎ {c.phones.length}</span>}
                  <span class="visually-hidden">{t('channelCounts', c.emails.length, c.phones.length)}</span>
                </span>
              </label>
              <input
                type="checkbox"
                class="tick"
                checked={ticked.has(i)}
                onChange={() => onTick(i)}
                aria-label={t('includeInBulk', name)}
              />
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
