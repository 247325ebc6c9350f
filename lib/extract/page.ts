/** Facts about the page as a whole: its title, the organisation behind it, its language. */

const MAX_JSON_LD = 256 * 1024;
const ORGANIZATION_TYPES =
  /^(Organization|Corporation|LocalBusiness|NGO|EducationalOrganization|GovernmentOrganization|ProfessionalService|Company)$/;

export interface PageFacts {
  title: string;
  siteName: string | null;
  lang: string | null;
}

export function pageFacts(doc: Document): PageFacts {
  const title = (doc.title ?? '').replace(/\s+/g, ' ').trim().slice(0, 300);
  const meta = (name: string) =>
    doc.querySelector(`meta[property="${name}"],meta[name="${name}"]`)?.getAttribute('content')?.trim() || null;
  const siteName = meta('og:site_name') ?? organizationName(doc) ?? titleSuffix(title);
  const lang = doc.documentElement.getAttribute('lang')?.trim() || meta('og:locale');
  return { title, siteName: siteName?.slice(0, 200) ?? null, lang: lang ?? null };
}

function titleSuffix(title: string): string | null {
  const parts = title.split(/\s+[|–—·-]\s+/);
  return parts.length > 1 ? (parts[parts.length - 1]?.trim() ?? null) : null;
}

/** The name of the first Organization described in the page's JSON-LD. */
function organizationName(doc: Document): string | null {
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
    const text = script.textContent ?? '';
    if (text.length > MAX_JSON_LD) continue;
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      continue;
    }
    const found = findOrganization(data, 0);
    if (found) return found;
  }
  return null;
}

function findOrganization(node: unknown, depth: number): string | null {
  if (depth > 8 || node === null || typeof node !== 'object') return null;
  if (Array.isArray(node)) {
    for (const item of node.slice(0, 100)) {
      const found = findOrganization(item, depth + 1);
      if (found) return found;
    }
    return null;
  }
  const record = node as Record<string, unknown>;
  const type = record['@type'];
  const types = Array.isArray(type) ? type : [type];
  if (types.some((t) => typeof t === 'string' && ORGANIZATION_TYPES.test(t)) && typeof record.name === 'string') {
    return record.name.trim() || null;
  }
  return findOrganization(record['@graph'] ?? null, depth + 1);
}
