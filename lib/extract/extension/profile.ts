/**
 * Extension side: the one person of a profile page (a LinkedIn, Xing or GitHub profile; a speaker's, lawyer's or
 * faculty member's page), who is a contact even without an e-mail or a phone. A page is a profile when its
 * address is a profile platform's, it says so (og:type profile), or its heading is a person's name that its
 * title repeats. The headline written under the name gives the title and the employer.
 */
import { asPersonName, isPlaceName } from '../common/names';
import type { RawCandidate, RawCapture } from '../common/types';
import { companyOf, splitRole, titleOf } from './roles';

const PROFILE_URL =
  /^https?:\/\/(?:[\w-]+\.)?(?:linkedin\.com\/(?:in|pub)\/|xing\.com\/profile\/|github\.com\/[^/?#]+\/?(?:[?#]|$)|about\.me\/|gitlab\.com\/[^/?#]+\/?$|orcid\.org\/|researchgate\.net\/profile\/|crunchbase\.com\/person\/|wellfound\.com\/u\/|angel\.co\/u\/)/i;
/** Hosts whose name is the platform's, never the employer of the person shown. */
export const PLATFORM_HOST =
  /(?:^|\.)(?:linkedin|xing|github|gitlab|twitter|x|facebook|instagram|about|orcid|researchgate|crunchbase|wellfound|angel|medium|goodreads|superlawyers|avvo|healthgrades|zocdoc|zillow|realtor|sessionize|meetup|eventbrite|bsky)\.(?:com|org|me|co|app|net|de)$/i;
// Lines of a profile header that are labels, counters or buttons, not a headline.
const NOT_HEADLINE =
  /^(?:\d+(?:st|nd|rd|th)?(?:\s+degree connection)?|--|\d[\d,.+]*|location|industry|current|previous|education|contact info|message|more…?|follow|connect|followers?|connections?|member since|born|died|website|edit data|ort|branche|aktuell|standort)$/i;
// The platform's own words around a profile: buttons, prompts and section labels.
const CALL_TO_ACTION =
  /\b(?:sign in|log in|join|view|access|full profile|see who|introduce|get introduced|email or phone|edit data|combine editions|genre|repos|users|following|followers|connections?|books)\b|[!?]$|\p{L}['’]s\b/iu;
const CURRENT_LABEL = /^(?:current|aktuell|actuel|actual|attuale|atual|huidig|nuvarande)$/i;
const PLACE_WORD = /\b(?:area|region|metropolitan|greater|bay|county|province)\b/i;

/** "Palo Alto, California", "Berlin Area, Germany", "Canada": where someone is, not what they do. */
export function isPlace(line: string): boolean {
  const last = line.split(',').pop()?.trim() ?? '';
  // The last part a country or a state ("Palo Alto, California"), or words that only places use ("Bay Area").
  return isPlaceName(last.split(' ')) || (PLACE_WORD.test(line) && line.length <= 60 && !/\b(?:at|@|bei)\b/.test(line));
}

export function isProfilePage(raw: Pick<RawCapture, 'url' | 'metas'>): boolean {
  if (PROFILE_URL.test(raw.url)) return true;
  return raw.metas.some(([k, v]) => k.toLowerCase() === 'og:type' && /^profile$/i.test(v.trim()));
}

/** The person a profile page is about, from its heading and the lines under it; null on any other page. */
export function profilePerson(
  raw: Pick<RawCapture, 'url' | 'title' | 'heading' | 'afterHeading' | 'headingOrg' | 'metas' | 'metaPerson'>,
): RawCandidate | null {
  const name = headingName(raw.heading, raw.title, isProfilePage(raw));
  if (!name) return null;
  const titleHead = titleName(raw.title);
  const sameAsTitle = titleHead !== null && titleHead.toLowerCase() === name.toLowerCase();
  const sameAsMeta = raw.metaPerson !== null && raw.metaPerson.toLowerCase() === name.toLowerCase();
  if (!isProfilePage(raw) && !sameAsTitle && !sameAsMeta) return null;

  const lines = raw.afterHeading.filter((l) => !NOT_HEADLINE.test(l) || CURRENT_LABEL.test(l));
  // The headline reads as a role once its employer is set apart ("Founder & CPO @ MavenAGI | Ex-Google").
  // …and stands right under the name: the first or second line, or none.
  const headlineAt = lines.findIndex(
    (l, i) =>
      i < 2 &&
      !CURRENT_LABEL.test(l) &&
      !CALL_TO_ACTION.test(l) &&
      titleOf(cut(splitRole(l, false).title)) !== null &&
      !isPlace(l),
  );
  const headline = headlineAt >= 0 ? (lines[headlineAt] as string) : null;
  const role = splitRole(headline, false);
  const next = headlineAt >= 0 ? lines[headlineAt + 1] : undefined;
  const current = lines.findIndex((l) => CURRENT_LABEL.test(l));
  // The header's link to an organisation's page is the current employer ("Microsoft" under Guido van Rossum).
  const linked = raw.headingOrg ? companyOf(raw.headingOrg) : null;
  const company =
    (current >= 0 ? companyLine(lines[current + 1]) : null) ?? linked ?? companyLine(next) ?? cut(role.company) ?? null;
  return {
    name,
    title: titleOf(cut(role.title)),
    company,
    emails: [],
    phones: [],
    links: /^https?:/i.test(raw.url) ? [raw.url.slice(0, 2048)] : [],
    sources: ['meta'],
    declared: true,
  };
}

/** "Founder & CPO @ MavenAGI | Ex-Google": the part before a list of other things. */
const cut = (text: string | null) => (text ? (text.split(/\s+[|·•]\s+/)[0] ?? '').trim() || null : null);

function companyLine(line: string | undefined): string | null {
  if (!line || line.length > 80 || NOT_HEADLINE.test(line) || CALL_TO_ACTION.test(line) || isPlace(line)) return null;
  if (asPersonName(line)) return null;
  if (/\b(?:university|universität|universidad|université|college|school|hochschule)\b/i.test(line)) return null;
  return companyOf(line);
}

/** "Jeff Weiner | LinkedIn" → "Jeff Weiner"; "(3) Eugene Mann | LinkedIn" → "Eugene Mann". */
function titleName(title: string): string | null {
  const head = title
    .replace(/^\(\d+\+?\)\s*/, '')
    .split(/\s+[|–—·-]\s+|\s+\(/)[0]
    ?.trim();
  return head ? head : null;
}

/** The heading as a name: "Julian (Beisenkötter) Amelung" → "Julian Amelung"; "login (Real Name)" → "Real Name". */
function headingName(heading: string | null, title: string, profileUrl: boolean): string | null {
  if (!heading || heading.length > 100) return null;
  const inner = /^\S+\s+\(([^)]{3,80})\)$/.exec(heading)?.[1];
  if (inner && asPersonName(inner)) return asPersonName(inner);
  const plain = heading
    .replace(/\s*\([^)]*\)\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  const name = asPersonName(plain);
  if (name) return name;
  // A name written in lower case ("zümra kinali") counts when the page's title says the same.
  const head = titleName(title);
  return profileUrl &&
    plain === plain.toLowerCase() &&
    head?.toLowerCase() === plain &&
    /^[\p{L}'’. -]{4,60}$/u.test(plain) &&
    plain.includes(' ')
    ? plain
    : null;
}
