import { readPage } from './page';
import { groupPeople } from './people';
import { DEFAULT_LIMITS, type ScanLimits, scanPage } from './scan';
import type { RawCapture } from './types';
import { createVisibility } from './visible';

export type { RawCandidate, RawCapture, RawPhone } from './types';

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
  const scan = scanPage(scanRoot, visibility, options.limits ?? DEFAULT_LIMITS, range);
  return {
    url: doc.location?.href ?? doc.URL,
    ...readPage(doc, range === null, Date.now() + 150),
    candidates: groupPeople(scan, scanRoot, visibility.seen).slice(0, 300),
    truncated: scan.truncated,
  };
}
