/** Facts about the page as a whole: its title, the organisation behind it, its language, its country. */

export interface PageFacts {
  title: string;
  siteName: string | null;
  lang: string | null;
  /** Text where a page states its own address (<address>, the footer), for the country it is in. */
  countryHints: string[];
}

const LEGAL_NAME =
  /(?:^|[\s:,(])((?:[\p{Lu}\d][\p{L}\d&.'’+-]*\s){0,5}?[\p{Lu}\d][\p{L}\d&.'’+-]*\s(?:GmbH(?: & Co\.? KG)?|AG|KG|mbB|e\.\s?V\.|Ltd\.?|Limited|LLC|L\.L\.C\.|LLP|PLC|plc|Inc\.?|Corp\.?|Corporation|S\.A\.(?: de C\.V\.)?|SA|SAS|SARL|S\.L\.|SL|S\.r\.l\.|S\.p\.A\.|B\.V\.|BV|N\.V\.|Oy|AB|A\/S|ApS|AS|sp\. z o\.o\.|s\.r\.o\.|Pty\.? Ltd\.?|K\.K\.|Co\., Ltd\.|Lda\.?|Ltda\.?))(?=$|[\s,.;)·|])/u;

export function pageFacts(doc: Document): PageFacts {
  const title = (doc.title ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
  const meta = (name: string) =>
    doc.querySelector(`meta[property="${name}"],meta[name="${name}"]`)?.getAttribute('content')?.trim() || null;
  const footer = doc.querySelector('footer,[role="contentinfo"]');
  const addresses = [...doc.querySelectorAll('address')].slice(0, 5).map((a) => a.textContent ?? '');
  const footerText = (footer?.textContent ?? '').replace(/\s+/g, ' ').slice(0, 3000);
  const siteName =
    meta('og:site_name') ?? legalName([footerText, ...addresses]) ?? copyrightHolder(footerText) ?? titleSuffix(title);
  const lang = doc.documentElement.getAttribute('lang')?.trim() || meta('og:locale');
  const countryHints = [...addresses, footerText]
    .map((t) => t.replace(/\s+/g, ' ').trim().slice(-400))
    .filter((t) => t !== '');
  return { title, siteName: siteName?.slice(0, 200) ?? null, lang: lang ?? null, countryHints };
}

function legalName(texts: string[]): string | null {
  for (const text of texts) {
    const match = LEGAL_NAME.exec(text.replace(/\s+/g, ' '));
    if (match?.[1]) return match[1].trim();
  }
  return null;
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
