/** Whether an element's content is something a person can see; honeypots and hidden templates are not contacts. */

const SKIPPED_TAGS = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'SVG', 'CANVAS', 'IFRAME', 'OBJECT', 'HEAD']);

export function createVisibility(doc: Document): (el: Element) => boolean {
  const cache = new Map<Element, boolean>();
  // A DOM built without layout (Node, tests) has no sizes; only a real browser can tell a zero-size box.
  const hasLayout = (doc.body?.getBoundingClientRect().height ?? 0) > 0;
  const visible = (el: Element): boolean => {
    const known = cache.get(el);
    if (known !== undefined) return known;
    const parent = el.parentElement;
    const result = (parent === null || visible(parent)) && ownVisible(el, hasLayout);
    cache.set(el, result);
    return result;
  };
  return visible;
}

function ownVisible(el: Element, hasLayout: boolean): boolean {
  if (SKIPPED_TAGS.has(el.tagName.toUpperCase())) return false;
  if (el.hasAttribute('hidden') || el.getAttribute('aria-hidden') === 'true') return false;
  const style = el.ownerDocument.defaultView?.getComputedStyle(el);
  if (!style) return true;
  if (style.display === 'none' || style.visibility === 'hidden' || style.opacity === '0') return false;
  if (hasLayout && style.display !== 'contents' && el.getClientRects().length === 0) return false;
  if (hasLayout && style.overflow === 'hidden') {
    const box = el.getBoundingClientRect();
    // Zero-size boxes with clipped overflow are the classic honeypot.
    if (box.width < 2 || box.height < 2) return false;
  }
  return true;
}
