import type { Candidate } from '@/lib/capture-result';
import { readablePhone } from '@/lib/form';
import { t } from '@/lib/i18n';

interface Props {
  candidates: Candidate[];
  selected: number;
  onSelect: (index: number) => void;
  /** The people ticked for a bulk send. */
  ticked: ReadonlySet<number>;
  onTick: (index: number) => void;
}

/** The people found on the page, best first; picking one fills the form. */
export function CandidatePicker({ candidates, selected, onSelect, ticked, onTick }: Props) {
  return (
    <fieldset class="candidates">
      <legend>{t('peopleOnPage', candidates.length)}</legend>
      <ul>
        {candidates.map((c, i) => {
          const name = c.name?.full ?? c.emails[0] ?? (c.phones[0] ? readablePhone(c.phones[0].e164) : t('unnamed'));
          const detail = [c.title, c.emails[0], c.phones[0] ? readablePhone(c.phones[0].e164) : null]
            .filter(Boolean)
            .join(' · ');
          return (
            <li key={`${name}-${i}`}>
              <label>
                <input
                  type="radio"
                  name="candidate"
                  checked={i === selected}
                  onChange={() => onSelect(i)}
                  aria-label={name}
                />
                <span class="who">{name}</span>
                <span class="detail">{detail}</span>
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
