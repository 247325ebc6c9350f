import type { Candidate } from '../capture-result';
import { t } from '../i18n';

/** Where a candidate's details came from, in words a salesperson can repeat ("where did you get my data?"). */
const WHERE: Record<Candidate['sources'][number], string> = {
  mailto: 'srcLink',
  tel: 'srcLink',
  whatsapp: 'srcLink',
  text: 'srcText',
  'json-ld': 'srcStructured',
  microdata: 'srcStructured',
  rdfa: 'srcStructured',
  microformat: 'srcStructured',
  meta: 'srcMeta',
  cloudflare: 'srcDecoded',
  'email-derived': 'srcDerived',
};

/** "Found on acme.example in a mailto or tel link and the page text, read at 09:41." */
export function provenanceOf(candidate: Candidate, url: string, readAt: Date, locale?: string): string {
  const where = [...new Set(candidate.sources.map((s) => t(WHERE[s])))];
  let host = url;
  try {
    host = new URL(url).host || url;
  } catch {
    // A file or an odd address: shown as it is.
  }
  const time = readAt.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit' });
  const list = new Intl.ListFormat(locale, { type: 'conjunction' }).format(where.length > 0 ? where : [t('srcText')]);
  return t('foundVia', host, list, time);
}
