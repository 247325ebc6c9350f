/** The country whose numbering a page's national phone numbers most likely follow. */

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
  nn: 'NO',
  no: 'NO',
  fi: 'FI',
  cs: 'CZ',
  sk: 'SK',
  ja: 'JP',
  ko: 'KR',
  zh: 'CN',
  el: 'GR',
  hu: 'HU',
  ro: 'RO',
  tr: 'TR',
  he: 'IL',
  uk: 'UA',
};
const GENERIC_TLDS = new Set([
  'com',
  'org',
  'net',
  'io',
  'ai',
  'dev',
  'app',
  'eu',
  'info',
  'biz',
  'co',
  'tv',
  'me',
  'edu',
  'gov',
  'int',
  'tech',
  'agency',
  'studio',
  'law',
  'legal',
  'consulting',
  'global',
  'world',
  'online',
  'site',
  'health',
  'care',
  'news',
  'media',
  'design',
  'events',
  'travel',
  'cloud',
  'ly',
  'fm',
  'to',
  'cc',
  'ws',
]);
const TLD_COUNTRY: Record<string, string> = { uk: 'GB' };
// Country names as pages write them in addresses, in English and in the country's own language.
const COUNTRY_NAMES: Array<[RegExp, string]> = [
  [/\b(united states|usa|u\.s\.a\.)\b/i, 'US'],
  [/\b(united kingdom|england|scotland|wales|great britain)\b|\bUK\b/i, 'GB'],
  [/\b(germany|deutschland)\b/i, 'DE'],
  [/\b(austria|österreich)\b/i, 'AT'],
  [/\b(switzerland|schweiz|suisse|svizzera)\b/i, 'CH'],
  [/\b(france)\b/i, 'FR'],
  [/\b(spain|españa)\b/i, 'ES'],
  [/\b(italy|italia)\b/i, 'IT'],
  [/\b(netherlands|nederland)\b/i, 'NL'],
  [/\b(belgium|belgique|belgië)\b/i, 'BE'],
  [/\b(portugal)\b/i, 'PT'],
  [/\b(brazil|brasil)\b/i, 'BR'],
  [/\b(mexico|méxico)\b/i, 'MX'],
  [/\b(canada)\b/i, 'CA'],
  [/\b(australia)\b/i, 'AU'],
  [/\b(new zealand|aotearoa)\b/i, 'NZ'],
  [/\b(ireland|éire)\b/i, 'IE'],
  [/\b(india)\b/i, 'IN'],
  [/\b(japan|日本)\b/i, 'JP'],
  [/\b(south korea|korea|대한민국)\b/i, 'KR'],
  [/\b(singapore)\b/i, 'SG'],
  [/\b(sweden|sverige)\b/i, 'SE'],
  [/\b(denmark|danmark)\b/i, 'DK'],
  [/\b(norway|norge)\b/i, 'NO'],
  [/\b(finland|suomi)\b/i, 'FI'],
  [/\b(poland|polska)\b/i, 'PL'],
  [/\b(czech republic|czechia|česká republika)\b/i, 'CZ'],
  [/\b(greece|ελλάδα|ελλάς)\b/i, 'GR'],
  [/\b(israel)\b/i, 'IL'],
  [/\b(south africa)\b/i, 'ZA'],
  [/\b(nigeria)\b/i, 'NG'],
  [/\b(argentina)\b/i, 'AR'],
  [/\b(chile)\b/i, 'CL'],
  [/\b(colombia)\b/i, 'CO'],
  [/\b(china|中国)\b/i, 'CN'],
  [/\b(united arab emirates|uae)\b/i, 'AE'],
  [/\b(turkey|türkiye)\b/i, 'TR'],
];

export interface RegionEvidence {
  url: string;
  lang: string | null;
  /** Country names or ISO codes the page states (JSON-LD addressCountry, <address>, footer). */
  countryHints?: string[];
  /** Regions of the internationally written numbers on the page ("+49 …" → DE). */
  numberRegions?: string[];
  /** The page's e-mail addresses: most of them at one country's domain (…@online.no, …@t-fk.no) say where it is. */
  emails?: string[];
}

/** Weighs the page's own statements: its address and domain count most, then its language and its +numbers. */
export function inferRegion(evidence: RegionEvidence, fallback = 'US'): string {
  const votes = new Map<string, number>();
  const vote = (region: string | undefined | null, weight: number) => {
    if (region && /^[A-Z]{2}$/.test(region)) votes.set(region, (votes.get(region) ?? 0) + weight);
  };
  const lang = evidence.lang?.trim().match(/^([a-z]{2,3})(?:[-_]([a-z]{2}))?\b/i);
  vote(lang?.[2]?.toUpperCase(), 2);
  vote(LANGUAGE_COUNTRY[lang?.[1]?.toLowerCase() ?? ''], 1);
  const tld = hostTld(evidence.url);
  if (tld && !GENERIC_TLDS.has(tld)) vote(TLD_COUNTRY[tld] ?? (tld.length === 2 ? tld.toUpperCase() : null), 3);
  for (const hint of evidence.countryHints ?? []) {
    const trimmed = hint.trim();
    if (/^[A-Z]{2}$/.test(trimmed)) vote(trimmed, 3);
    else for (const [pattern, code] of COUNTRY_NAMES) if (pattern.test(trimmed)) vote(code, 3);
  }
  const counts = new Map<string, number>();
  for (const r of evidence.numberRegions ?? []) counts.set(r, (counts.get(r) ?? 0) + 1);
  const top = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  if (top) vote(top[0], 2.5);
  const byCountry = new Map<string, number>();
  const emails = evidence.emails ?? [];
  for (const email of emails) {
    const cc = email.slice(email.lastIndexOf('.') + 1).toLowerCase();
    if (cc.length === 2 && !GENERIC_TLDS.has(cc)) byCountry.set(cc, (byCountry.get(cc) ?? 0) + 1);
  }
  const [cc, n] = [...byCountry.entries()].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  if (n >= 3 && n >= emails.length * 0.6) vote(TLD_COUNTRY[cc] ?? cc.toUpperCase(), 2);
  const best = [...votes.entries()].sort((a, b) => b[1] - a[1])[0];
  return best ? best[0] : fallback;
}

function hostTld(url: string): string | null {
  try {
    const host = new URL(url).hostname;
    if (/^[\d.]+$|^\[|^localhost$/.test(host) || !host.includes('.')) return null;
    return host.slice(host.lastIndexOf('.') + 1).toLowerCase();
  } catch {
    return null;
  }
}
