/**
 * Page side: DOM reads that a page cannot redirect. A `<form>` with an `<input name="parentElement">` (or
 * `getAttribute`, `closest`…) shadows that property on the form itself, even in our isolated world: reading it
 * through the prototype's own getter or method gets the real value, so no walk up the tree can loop or throw.
 * The prototypes are found from the node itself, so this works in any window (a tab, a frame, a DOM in Node).
 * Only a form has such named properties, so any other element is read directly (the hot path of a scan).
 */

type Getter = (this: unknown) => unknown;
type Method = (this: unknown, ...args: unknown[]) => unknown;

const found = new WeakMap<object, Map<string, Getter | Method | null>>();

const toTag = Object.prototype.toString;
/** Whether the node may shadow DOM properties: a form, of this window or of a frame's (its tag is its prototype's). */
const mayShadow = (node: object): boolean => toTag.call(node) === '[object HTMLFormElement]';

/** The getter (or method) `name` of the first prototype of `obj` that defines it, cached by prototype. */
function own<T extends Getter | Method>(obj: object, name: string, kind: 'get' | 'value'): T | null {
  const proto = Object.getPrototypeOf(obj) as object | null;
  if (proto === null) return null;
  let names = found.get(proto);
  if (!names) {
    names = new Map();
    found.set(proto, names);
  }
  if (names.has(name)) return names.get(name) as T | null;
  let fn: Getter | Method | null = null;
  for (let p: object | null = proto; p !== null; p = Object.getPrototypeOf(p) as object | null) {
    const d = Object.getOwnPropertyDescriptor(p, name);
    if (d) {
      fn = (kind === 'get' ? d.get : d.value) ?? null;
      break;
    }
  }
  names.set(name, fn);
  return fn as T | null;
}

/** The element above, crossing out of a shadow root to its host; null at the top. */
export function parentOf(node: Node): Element | null {
  if (!mayShadow(node)) {
    const direct = node.parentElement;
    if (direct) return direct;
    const up = node.parentNode;
    return up && up.nodeType === 11 ? ((up as ShadowRoot).host ?? null) : null;
  }
  const parent = own<Getter>(node, 'parentElement', 'get')?.call(node) as Element | null | undefined;
  if (parent) return parent;
  const up = own<Getter>(node, 'parentNode', 'get')?.call(node) as Node | null | undefined;
  if (up && up.nodeType === 11 /* a shadow root */)
    return (own<Getter>(up, 'host', 'get')?.call(up) as Element) ?? null;
  return null;
}

/** An attribute's value, read through the element's prototype. */
export function attr(el: Element, name: string): string | null {
  if (!mayShadow(el)) return el.getAttribute(name);
  return (own<Method>(el, 'getAttribute', 'value')?.call(el, name) as string | null | undefined) ?? null;
}

/** The nearest ancestor (or the element) matching a selector, through the element's prototype. */
export function closest(el: Element, selector: string): Element | null {
  if (!mayShadow(el)) return el.closest(selector);
  return (own<Method>(el, 'closest', 'value')?.call(el, selector) as Element | null | undefined) ?? null;
}

/** The first descendant matching a selector, through the element's prototype. */
export function first(el: Element, selector: string): Element | null {
  if (!mayShadow(el)) return el.querySelector(selector);
  return (own<Method>(el, 'querySelector', 'value')?.call(el, selector) as Element | null | undefined) ?? null;
}

/** The node's tag name in upper case ("DIV"), through its prototype. */
export function tagOf(node: Node): string {
  if (!mayShadow(node)) return node.nodeName.toUpperCase();
  const name = own<Getter>(node, 'nodeName', 'get')?.call(node);
  return typeof name === 'string' ? name.toUpperCase() : '';
}

/** The element's box, through its prototype. */
export function rectOf(el: Element): DOMRect | null {
  return (own<Method>(el, 'getBoundingClientRect', 'value')?.call(el) as DOMRect | undefined) ?? null;
}

/** Whether the element matches a selector, through its prototype. */
export function matches(el: Element, selector: string): boolean {
  if (!mayShadow(el)) return el.matches(selector);
  return own<Method>(el, 'matches', 'value')?.call(el, selector) === true;
}

/** Element.checkVisibility through the prototype; true where the browser has none. */
export function checkVisible(el: Element, options: { checkOpacity: boolean; checkVisibilityCSS: boolean }): boolean {
  const check = own<Method>(el, 'checkVisibility', 'value');
  return typeof check !== 'function' || check.call(el, options) === true;
}

/** Whether `other` is `node` or inside it, through the prototype. */
export function within(node: Node, other: Node): boolean {
  if (!mayShadow(node)) return node.contains(other);
  return own<Method>(node, 'contains', 'value')?.call(node, other) === true;
}

/**
 * The elements under `scope` that match any selector of a comma-separated list, in document order, at most `max`.
 * Chromium matches a list with attribute selectors far slower than its parts one by one (5.2 ms against 1.1 ms
 * on the bench's 1 MB directory page), so each part is queried alone and the results are merged; the merge stops
 * where a part that was cut at `max` runs out, so what it returns is always a true prefix of the document order.
 */
export function selectAll(scope: ParentNode, list: string, max = 2000): Element[] {
  const parts = list
    .split(',')
    .map((selector) => scope.querySelectorAll(selector))
    .filter((found) => found.length > 0)
    .map((found) => ({ found, at: 0, end: Math.min(found.length, max) }));
  if (parts.length === 1) {
    const only = parts[0] as (typeof parts)[number];
    return Array.prototype.slice.call(only.found, 0, only.end) as Element[];
  }
  const out: Element[] = [];
  while (out.length < max) {
    let best: (typeof parts)[number] | null = null;
    for (const part of parts) {
      if (part.at >= part.end) {
        // A part cut short: what comes after its last element is not known in order.
        if (part.end < part.found.length) return out;
        continue;
      }
      const el = part.found[part.at] as Element;
      if (best === null) best = part;
      else {
        const current = best.found[best.at] as Element;
        if (el === current) part.at++;
        else if (current.compareDocumentPosition(el) & 2 /* el precedes */) best = part;
      }
    }
    if (best === null) break;
    out.push(best.found[best.at] as Element);
    best.at++;
  }
  return out;
}
