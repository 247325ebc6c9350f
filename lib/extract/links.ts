import { cleanEmail, type Hit, phoneTypeFrom } from './hits';

/** mailto:, tel:, callto: and sms: links. */
export function linkHits(root: ParentNode, visible: (el: Element) => boolean): Hit[] {
  const hits: Hit[] = [];
  for (const a of root.querySelectorAll('a[href]')) {
    const href = a.getAttribute('href')?.trim() ?? '';
    const scheme = href.slice(0, href.indexOf(':')).toLowerCase();
    if (scheme !== 'mailto' && scheme !== 'tel' && scheme !== 'callto' && scheme !== 'sms') continue;
    if (!visible(a)) continue;
    const target = safeDecode(href.slice(scheme.length + 1).split('?')[0] ?? '');
    if (scheme === 'mailto') {
      for (const part of target.split(/[,;]/)) {
        const email = cleanEmail(part);
        if (email) hits.push({ kind: 'email', value: email, el: a, source: 'mailto', phoneType: 'work' });
      }
    } else {
      const raw = target.replace(/^\/\//, '').trim();
      const digits = raw.replace(/\D/g, '');
      if (digits.length < 5 || digits.length > 17) continue;
      const context = `${a.getAttribute('aria-label') ?? ''} ${a.getAttribute('title') ?? ''} ${precedingText(a)}`;
      hits.push({ kind: 'phone', value: raw, el: a, source: 'tel', phoneType: phoneTypeFrom(context) });
    }
  }
  return hits;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The few words written just before an element, e.g. "Mobile:" in "Mobile: <a href=tel:…>". */
export function precedingText(el: Element): string {
  const prev = el.previousSibling;
  const own = prev?.textContent ?? '';
  const parentText = own.trim() === '' ? (el.parentElement?.previousSibling?.textContent ?? '') : own;
  return parentText.slice(-24);
}
