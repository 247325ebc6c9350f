/**
 * Whether a person can see an element's content and it is page prose (not code, scripts or form fields).
 * Honeypots (display:none, visibility:hidden, opacity 0, zero-size clipped or off-screen boxes, aria-hidden) are
 * not contacts. Only elements that hold a detail or a name are checked. The walk up the ancestors reads
 * attributes only and is cached; the layout (about 2 µs a read in Chromium) is asked only of the parent,
 * where page authors put the hiding box around a trap link.
 */

import { attr, checkVisible, first, parentOf, rectOf, tagOf } from './dom';

const NOT_PROSE = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEMPLATE',
  'SVG',
  'CANVAS',
  'OBJECT',
  'HEAD',
  'PRE',
  'CODE',
  'KBD',
  'SAMP',
  'TEXTAREA',
  'SELECT',
]);
const CODE_CLASS =
  /code|highlight|language-|lang-|hljs|prettyprint|shiki|syntax|console|terminal|shell|raw|source|header|log|diff|output/i;
// Text that reads as code or a shell session: braces, semicolons, assignments, prompts.
const CODE_TEXT = /[{};=<>`]|^\s*[$#>] /m;
// Inline styles that hide while staying "displayed": pushed off-screen, zero-size, clipped away, invisible text.
const HIDING_STYLE =
  /(?:left|top|text-indent)\s*:\s*-\d{3,}|(?:^|[;\s])(?:max-)?(?:width|height)\s*:\s*0(?:px)?\s*(?:;|$)|clip\s*:\s*rect\(\s*0|font-size\s*:\s*0(?:px)?\s*(?:;|$)/i;

export interface Visibility {
  /** Cheap: no hiding attribute, inline style or non-prose element on the way up (for counting names). */
  usable: (el: Element) => boolean;
  /** Full: also rendered, not transparent, and not in a zero-size clipped box. */
  seen: (el: Element) => boolean;
}

export function createVisibility(doc: Document): Visibility {
  const chainCache = new Map<Element, boolean>();
  const boxCache = new Map<Element, boolean>();
  const seenCache = new Map<Element, boolean>();
  // A DOM built without layout (Node, tests) has no sizes; only a real browser can tell a zero-size box.
  const hasLayout = (doc.body?.getBoundingClientRect().height ?? 0) > 0;
  const view = doc.defaultView;
  // A page that hides its whole root until its scripts run ("html { visibility: hidden }", an A/B tester's
  // opacity 0) is a loading trick, not a honeypot: hiding on the root itself is not counted.
  const rootStyles = [doc.documentElement, doc.body].flatMap((el) => (el ? [view?.getComputedStyle?.(el)] : []));
  const rootHidden = rootStyles.some((s) => s?.visibility === 'hidden');
  const rootTransparent = rootStyles.some((s) => s?.opacity === '0');
  // A loop, not recursion: a page 5,000 elements deep must not exhaust the stack.
  const usable = (el: Element): boolean => {
    const chain: Element[] = [];
    let result: boolean | undefined;
    for (let at: Element | null = el; at !== null; ) {
      const known = chainCache.get(at);
      if (known !== undefined) {
        result = known;
        break;
      }
      chain.push(at);
      at = parentOf(at);
    }
    // From the top down: an element is usable when it and every ancestor are.
    let above = result ?? true;
    for (let i = chain.length - 1; i >= 0; i--) {
      const at = chain[i] as Element;
      above = above && ownUsable(at, hasLayout, view, rootHidden);
      chainCache.set(at, above);
    }
    return chainCache.get(el) ?? above;
  };
  const boxShown = (el: Element | null): boolean => {
    if (el === null) return true;
    const known = boxCache.get(el);
    if (known !== undefined) return known;
    // One layout read: off the page to the left ("left: -9999px"), or too small to show text.
    const rect = rectOf(el);
    let shown = rect === null || rect.right >= 0;
    if (shown && rect && (rect.width < 2 || rect.height < 2)) {
      const style = view?.getComputedStyle?.(el);
      try {
        shown = style?.display === 'contents' || (style?.overflow === 'visible' && el.getClientRects().length > 0);
      } catch {
        // A box the page made unreadable (a form whose control is named getClientRects) is not a hiding box.
        shown = true;
      }
    }
    boxCache.set(el, shown);
    return shown;
  };
  const seen = (el: Element): boolean => {
    const known = seenCache.get(el);
    if (known !== undefined) return known;
    let result = usable(el);
    if (result && hasLayout) {
      // One native call covers display, visibility, opacity and content-visibility of every ancestor.
      result =
        checkVisible(el, { checkOpacity: !rootTransparent, checkVisibilityCSS: !rootHidden }) && boxShown(parentOf(el));
    }
    seenCache.set(el, result);
    return result;
  };
  return { usable, seen };
}

function ownUsable(el: Element, hasLayout: boolean, view: Window | null, rootHidden: boolean): boolean {
  const tag = tagOf(el);
  // A <pre> that holds no code is an address or imprint laid out by hand (a static site's "Tel.: 05605-…").
  if (tag === 'PRE')
    return (
      first(el, 'code,samp,kbd') === null &&
      !CODE_CLASS.test(attr(el, 'class') ?? '') &&
      !CODE_TEXT.test(el.firstChild?.nodeValue?.slice(0, 500) ?? '')
    );
  if (NOT_PROSE.has(tag)) return false;
  if (tag === 'HTML' || tag === 'BODY') return true;
  if (
    attr(el, 'hidden') !== null ||
    // aria-hidden hides from screen readers, not from sight: a row of icon links (mailto, profiles) is visible.
    (attr(el, 'aria-hidden') === 'true' && first(el, 'a[href]') === null) ||
    attr(el, 'contenteditable') === 'true'
  )
    return false;
  const inline = attr(el, 'style');
  if (inline && HIDING_STYLE.test(inline)) return false;
  if (hasLayout) return true;
  // Without layout, the cascaded style stands in for it: hidden, transparent, off-screen or zero-size and clipped.
  const style = view?.getComputedStyle?.(el);
  if (!style) return true;
  if (style.display === 'none' || (style.visibility === 'hidden' && !rootHidden) || style.opacity === '0') return false;
  if (
    (style.position === 'absolute' || style.position === 'fixed') &&
    (Number.parseFloat(style.left) < -500 || Number.parseFloat(style.top) < -500)
  )
    return false;
  // The "visually hidden" box (1×1 px, clipped): read by screen readers, seen by nobody — a trap for a link.
  const tiny = (value: string) => /^[01](px)?$/.test(value.trim());
  if (/^rect\(\s*0/.test(style.clip ?? '') || /inset\(\s*50%/.test(style.clipPath ?? '')) return false;
  return !((tiny(style.width) || tiny(style.height)) && style.overflow !== '' && style.overflow !== 'visible');
}
