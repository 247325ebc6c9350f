/** The country whose phone numbering a page's national numbers most likely follow. */

const LANGUAGE_COUNTRY: Record<string, string> = {
  de: 'DE',
  fr: 'FR',
  es: 'ES',
  it: 'IT',
  nl: 'NL',
  pt: 'PT',
  pl: 'PL',
  sv: 'SE',
  da: 'DK',
  nb: 'NO',
  no: 'NO',
  fi: 'FI',
  cs: 'CZ',
  ja: 'JP',
  ko: 'KR',
  el: 'GR',
  hu: 'HU',
  ro: 'RO',
  tr: 'TR',
  he: 'IL',
  uk: 'UA',
};
const TLD_COUNTRY: Record<string, string> = {
  uk: 'GB',
  com: '',
  org: '',
  net: '',
  io: '',
  ai: '',
  dev: '',
  app: '',
  eu: '',
};

export function inferRegion(url: string, lang: string | null, fallback = 'US'): string {
  const fromLang = lang?.trim().match(/^([a-z]{2,3})(?:[-_]([a-z]{2}))?\b/i);
  if (fromLang?.[2]) return fromLang[2].toUpperCase();
  const tld = hostTld(url);
  if (tld !== null) {
    const mapped = TLD_COUNTRY[tld];
    if (mapped) return mapped;
    if (mapped === undefined && /^[a-z]{2}$/.test(tld)) return tld.toUpperCase();
  }
  const language = fromLang?.[1]?.toLowerCase();
  if (language && LANGUAGE_COUNTRY[language]) return LANGUAGE_COUNTRY[language];
  return fallback;
}

function hostTld(url: string): string | null {
  try {
    const host = new URL(url).hostname;
    if (/^[\d.]+$|^\[|^localhost$/.test(host)) return null;
    return host.slice(host.lastIndexOf('.') + 1).toLowerCase();
  } catch {
    return null;
  }
}
