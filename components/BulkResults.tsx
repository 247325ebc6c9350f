import { t } from '@/lib/i18n';
import type { BulkLine } from '@/lib/popup/state';

/** One line per person of a bulk send: what became of each. */
export function BulkResults({ lines }: { lines: BulkLine[] }) {
  if (lines.length === 0) return null;
  return (
    <ul class="bulk-results" aria-label={t('outcomePerContact')}>
      {lines.map((r) => (
        <li key={r.name} class={r.error ? 'error' : 'saved'}>
          {r.text}
        </li>
      ))}
    </ul>
  );
}
