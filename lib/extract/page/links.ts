import { cleanEmail, type Hit, phoneTypeFrom } from '../common/hits';

const SOCIAL =
  /^https?:\/\/(?:[a-z]{2,3}\.)?(?:linkedin\.com\/(?:in|pub)\/|(?:twitter|x)\.com\/(?!share|intent|home)|github\.com\/|xing\.com\/profile\/|facebook\.com\/|instagram\.com\/|mastodon\.social\/@|bsky\.app\/profile\/|threads\.net\/@)/i;
const WHATSAPP = /^https?:\/\/(?:wa\.me\/|api\.whatsapp\.com\/send\/?\?(?:.*&)?phone=)\+?(\d{6,15})/i;
const CLOUDFLARE_PATH = '/cdn-cgi/l/email-protection#';

/** Decodes Cloudflare's email protection: a hex key byte, then each byte of the address XOR that key. */
export function decodeCloudflare(hex: string): string | null {
  if (!/^(?:[0-9a-f]{2}){4,200}$/i.test(hex)) return null;
  const key = Number.parseInt(hex.slice(0, 2), 16);
  const bytes: number[] = [];
  for (let i = 2; i < hex.length; i += 2) bytes.push(Number.parseInt(hex.slice(i, i + 2), 16) ^ key);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(new Uint8Array(bytes));
  } catch {
    return null;
  }
}

/** The contact details a link carries: mailto:, tel:/callto:/sms:, WhatsApp, Cloudflare-protected, profiles, vCards. */
export function linkHits(a: Element, offset: number, out: Hit[]): void {
  const href = a.getAttribute('href')?.trim() ?? '';
  if (href === '' || href.startsWith('#') || href.startsWith('javascript:')) return;
  const colon = href.indexOf(':');
  const scheme = colon > 0 ? href.slice(0, colon).toLowerCase() : '';
  if (scheme === 'mailto') {
    const target = safeDecode(href.slice(colon + 1).split('?')[0] ?? '');
    for (const part of target.split(/[,;]/)) {
      const email = cleanEmail(part);
      if (email) out.push({ kind: 'email', value: email, el: a, offset, source: 'mailto', phoneType: 'work' });
    }
    return;
  }
  if (scheme === 'tel' || scheme === 'callto' || scheme === 'sms') {
    const raw = safeDecode(href.slice(colon + 1).split(/[?;]/)[0] ?? '')
      .replace(/^\/\//, '')
      .trim();
    const digits = raw.replace(/\D/g, '');
    if (digits.length < 6 || digits.length > 17) return;
    const context = `${a.getAttribute('aria-label') ?? ''} ${a.getAttribute('title') ?? ''} ${labelBefore(a)} ${a.textContent ?? ''}`;
    out.push({ kind: 'phone', value: raw, el: a, offset, source: 'tel', phoneType: phoneTypeFrom(context) });
    return;
  }
  const protectedAt = href.indexOf(CLOUDFLARE_PATH);
  if (protectedAt >= 0) {
    const email = cleanEmail(decodeCloudflare(href.slice(protectedAt + CLOUDFLARE_PATH.length)) ?? '');
    if (email) out.push({ kind: 'email', value: email, el: a, offset, source: 'cloudflare', phoneType: 'work' });
    return;
  }
  const whatsapp = WHATSAPP.exec(href);
  if (whatsapp) {
    out.push({ kind: 'phone', value: `+${whatsapp[1]}`, el: a, offset, source: 'whatsapp', phoneType: 'mobile' });
    return;
  }
  if (SOCIAL.test(href) || /\.vcf(?:$|[?#])/i.test(href)) {
    const url = toAbsolute(href, a);
    if (url) out.push({ kind: 'link', value: url, el: a, offset, source: 'text', phoneType: 'work' });
  }
}

function toAbsolute(href: string, a: Element): string | null {
  // The element resolves its own href against the page (cheaper than new URL for every profile link).
  const url = (a as HTMLAnchorElement).href || href;
  return /^https?:\/\//i.test(url) ? url.slice(0, 2048) : null;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The few words written just before an element, e.g. "Mobile:" in "Mobile: <a href=tel:…>" or <dt>Fax</dt><dd>…. */
export function labelBefore(el: Element): string {
  const own = el.previousSibling?.textContent ?? '';
  if (own.trim() !== '') return own.slice(-30);
  const previous = el.previousElementSibling ?? el.parentElement?.previousElementSibling;
  return (previous?.textContent ?? '').slice(-30);
}
