/** Facts about the page as a whole: its title, the organisation behind it, its language, its country. */

export interface PageFacts {
  title: string;
  siteName: string | null;
  lang: string | null;
  /** Text where a page states its own address (<address>, the footer), for the country it is in. */
  countryHints: string[];
}

export const LEGAL_NAME =
  /(?:^|[\s:,(])((?:[\p{Lu}\d][\p{L}\d&.'’+-]*\s){0,5}?[\p{Lu}\d][\p{L}\d&.'’+-]*,?\s(?:GmbH(?: & Co\.? KG)?|AG|KG|mbB|e\.\s?V\.|Ltd\.?|Limited|LLC|L\.L\.C\.|LLP|PLC|plc|Inc\.?|Corp\.?|Corporation|S\.A\.(?: de C\.V\.)?|SA|SAS|SARL|S\.L\.|SL|S\.r\.l\.|S\.p\.A\.|B\.V\.|BV|N\.V\.|Oy|AB|A\/S|ApS|AS|sp\. z o\.o\.|s\.r\.o\.|Pty\.? Ltd\.?|Pvt\.? Ltd\.?|K\.K\.|Co\., Ltd\.|Lda\.?|Ltda\.?|S\.C\.|ASBL|VZW|ASA))(?=$|[\s,.;)·|])/gu;

export function pageFacts(doc: Document): PageFacts {
  const title = (doc.title ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
  const meta = (name: string) =>
    doc.querySelector(`meta[property="${name}"],meta[name="${name}"]`)?.getAttribute('content')?.trim() || null;
  const footer = doc.querySelector('footer,[role="contentinfo"]');
  const addresses = [...doc.querySelectorAll('address')].slice(0, 5).map((a) => a.textContent ?? '');
  const footerText = (footer?.textContent ?? '').replace(/\s+/g, ' ').slice(0, 3000);
  const host = hostLabel(doc.location?.href ?? doc.URL ?? '');
  const titleParts = title.split(/\s+[|–—·-]\s+/).map((t) => t.trim());
  const legal = [footerText, ...addresses].flatMap(legalNames);
  // The organisation whose name is its web address ("Grachtwerk B.V." on grachtwerk.nl) beats any other.
  const siteName =
    legal.find((n) => sameAsHost(n, host)) ??
    meta('og:site_name') ??
    titleParts.slice(1).find((t) => sameAsHost(t, host)) ??
    legal[0] ??
    copyrightHolder(footerText) ??
    titleSuffix(title);
  const lang = doc.documentElement.getAttribute('lang')?.trim() || meta('og:locale');
  const countryHints = [...addresses, footerText]
    .map((t) => t.replace(/\s+/g, ' ').trim().slice(-400))
    .filter((t) => t !== '');
  return { title, siteName: siteName?.slice(0, 200) ?? null, lang: lang ?? null, countryHints };
}

function legalNames(text: string): string[] {
  return [...text.replace(/\s+/g, ' ').matchAll(LEGAL_NAME)].map((m) => (m[1] ?? '').trim()).filter(Boolean);
}

/** "altamiraconsultores" for https://www.altamiraconsultores.es/, "bellfontainehealth" for …bellfontainehealth.org. */
export function hostLabel(url: string): string {
  let host = '';
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return '';
  }
  const labels = host.split('.').filter((l) => l !== 'www');
  if (labels.length >= 3 && /^(co|com|org|net|ac|gov|edu|or|ne|go)$/.test(labels[labels.length - 2] ?? ''))
    labels.pop();
  labels.pop();
  return labels[labels.length - 1] ?? '';
}

const compact = (text: string) =>
  text
    .normalize('NFD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

/** A name written as its web address: "Altamira Consultores, S.L." ↔ altamiraconsultores, "Bellfontaine …" ↔ bellfontainehealth. */
export function sameAsHost(name: string, label: string): boolean {
  if (label.length < 4) return false;
  const c = compact(name);
  if (c.length < 4) return false;
  if (c.startsWith(label) || label.startsWith(c)) return true;
  let common = 0;
  while (common < c.length && c[common] === label[common]) common++;
  return common >= 6 && common >= Math.min(c.length, label.length) * 0.5;
}

function copyrightHolder(text: string): string | null {
  const match =
    /(?:©|\(c\)|copyright)\s*(?:\d{4}\s*(?:[-–]\s*\d{4})?\s*)?([^.|·,©]{2,60}?)(?:\.|\s*[|·,]|\s+all rights|\s+alle rechte|\s+todos los|\s*$)/i.exec(
      text,
    );
  const holder = match?.[1]?.trim();
  return holder && !/^\d+$/.test(holder) ? holder : null;
}

function titleSuffix(title: string): string | null {
  const parts = title.split(/\s+[|–—·-]\s+/);
  return parts.length > 1 ? (parts[parts.length - 1]?.trim() ?? null) : null;
}
