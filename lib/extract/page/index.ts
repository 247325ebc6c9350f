import type { RawCapture } from '../common/types';
import { readPage } from './page';
import { groupPeople } from './people/groups';
import { DEFAULT_LIMITS, type ScanLimits, scanPage } from './scan';
import { createVisibility } from './visible';

export type { RawCandidate, RawCapture, RawPhone } from '../common/types';

export interface ExtractOptions {
  /** Only what the user selected, when there is a selection. */
  selectionOnly?: boolean;
  limits?: ScanLimits;
}

/** Reads a page's people from its DOM. Pure DOM: runs injected in a tab, and in Node on a parsed page. */
export function extractPage(doc: Document, options: ExtractOptions = {}): RawCapture {
  const root = doc.body ?? doc.documentElement;
  const selection = options.selectionOnly ? doc.getSelection() : null;
  const range = selection && selection.rangeCount > 0 && !selection.isCollapsed ? selection.getRangeAt(0) : null;
  const scope = range
    ? range.commonAncestorContainer.nodeType === 1
      ? range.commonAncestorContainer
      : range.commonAncestorContainer.parentElement
    : null;
  const scanRoot = (scope as Element | null) ?? root;
  const visibility = createVisibility(doc);
  // The clock starts once the page is laid out (createVisibility asks for it): a tab in the background, or a busy
  // machine, may take 100 ms and more for that first layout, which is the browser's work and no part of ours; counted,
  // it left the grouping no time and the demo page's six people came out as three (an e2e run on this machine).
  const limits = options.limits ?? DEFAULT_LIMITS;
  const now = limits.now ?? Date.now;
  const started = now();
  const scan = scanPage(scanRoot, visibility, limits, range);
  // What the page says of itself and its marked-up parts, within what is left of the time; then who owns what.
  let page: ReturnType<typeof readPage>;
  let truncated = scan.truncated;
  try {
    page = readPage(doc, range === null, started + limits.maxMillis * 1.5);
  } catch {
    page = { ...EMPTY_PAGE, title: String(doc.title ?? '').slice(0, 300) };
    truncated = true;
  }
  let candidates: RawCapture['candidates'] = [];
  try {
    candidates = groupPeople(scan, scanRoot, visibility.seen, started + limits.maxMillis * 1.4, now).slice(0, 300);
    truncated ||= scan.truncated;
  } catch {
    truncated = true;
  }
  // Cut to what a CaptureResult holds; the popup shortens it properly for a contact (lib/text.ts boundUrl).
  const url = String(doc.location?.href ?? doc.URL).slice(0, 4096);
  return { url, ...page, legalTexts: scan.legalTexts, candidates, truncated };
}

const EMPTY_PAGE: ReturnType<typeof readPage> = {
  title: '',
  heading: null,
  afterHeading: [],
  headingOrg: null,
  lang: null,
  metaSiteName: null,
  metaPerson: null,
  siteTexts: [],
  jsonLd: [],
  snapshots: [],
  metas: [],
};
