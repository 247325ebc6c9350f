import type { Hit } from './hits';
import { linkHits } from './links';
import { pageFacts } from './page';
import { groupPeople } from './people';
import { textHits } from './text';
import type { RawCapture } from './types';
import { createVisibility } from './visible';

export type { RawCandidate, RawCapture, RawPhone } from './types';

const MAX_HITS = 5000;

/** Reads a page's people from its DOM. Pure DOM: runs injected in a tab, and in Node on a parsed page. */
export function extractPage(doc: Document): RawCapture {
  const root = doc.body ?? doc.documentElement;
  const visible = createVisibility(doc);
  const hits: Hit[] = [...linkHits(root, visible), ...textHits(root, visible)].slice(0, MAX_HITS);
  const facts = pageFacts(doc);
  return {
    url: doc.location?.href ?? doc.URL,
    title: facts.title,
    siteName: facts.siteName,
    lang: facts.lang,
    candidates: groupPeople(hits, root, visible),
  };
}
