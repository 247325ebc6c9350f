/** Roles and companies as pages write them, read outside the page. */

const EVENT_PAGE =
  /speaker|panel|exhibitor|aussteller|ponentes|intervenants|agenda|programme|program\b|summit|conference|konferenz|congress|line-?up|jury|judges|mentors|keynote|podcast|webinar/i;
const ORG_WORD =
  /\b(inc|llc|ltd|gmbh|ag|sa|sas|bv|plc|corp|co|group|labs?|ventures|capital|partners|analytics|technolog(y|ies)|tech|systems|solutions|software|media|health|bank|university|universidad|universität|institute|institut|college|school|hospital|foundation|association|motors|pay|payments|energy|consulting|studio|agency|holdings|industries|networks|cloud|robotics|logistics|foods|pharma|therapeutics|insurance|fintech|digital|AI)\b/;
const ROLE_WORD =
  /\b(head|chief|officer|director|manager|lead|vp|vice|president|founder|partner|engineer|consultant|specialist|ceo|cto|cfo|coo|cmo)\b/i;

/** Whether the page lists people from many companies (speakers, panels, exhibitors). */
export function isEventPage(title: string, heading: string | null): boolean {
  return EVENT_PAGE.test(`${title} ${heading ?? ''}`);
}

/**
 * "Founder, Northbeam Ventures", "CTO at Lagos Fintech", "VP Marketing | Andes Pay": a role and the person's
 * own company. After a comma the rest counts as a company only when it reads like one, or on an event page
 * (speakers, panels, exhibitors), where people come from many companies; "Head of Sales, Madrid" stays whole.
 */
export function splitRole(text: string | null, eventPage: boolean): { title: string | null; company: string | null } {
  if (!text) return { title: null, company: null };
  const at = /^(.{2,80}?)\s+(?:at|@|bei|chez|en)\s+(\p{Lu}.{1,80})$/u.exec(text);
  if (at?.[1] && at[2]) return { title: at[1].trim(), company: at[2].trim() };
  // "VP Marketing | Andes Pay" names a company; "Director – Technology Recruitment" names a department.
  const bar = /^(.{2,80}?)\s*[|–—]\s*(.{2,80})$/.exec(text);
  if (bar?.[1] && bar[2] && (eventPage || ORG_WORD.test(bar[2]) || /[|]/.test(text)) && !ROLE_WORD.test(bar[2]))
    return { title: bar[1].trim(), company: bar[2].trim() };
  const comma = /^(.{2,80}?),\s*([^,]{2,80})$/.exec(text);
  if (
    comma?.[1] &&
    comma[2] &&
    (ORG_WORD.test(comma[2]) || (eventPage && /^\p{Lu}/u.test(comma[2]) && !ROLE_WORD.test(comma[2])))
  ) {
    return { title: comma[1].trim(), company: comma[2].trim() };
  }
  return { title: text, company: null };
}

/** A company is words, not a line of numbers or a dangling fragment ("+45 61 78 29 34 —", "4)"). */
export function companyOf(text: string | null): string | null {
  if (!text) return null;
  const clean = text
    .replace(/^[\s,–—|·-]+|[\s,–—|·-]+$/g, '')
    // "Teranga Pay in Dakar": the place is where the company is, not its name.
    .replace(/\s+(?:in|en|à|im|em)\s+\p{Lu}[\p{L}’' -]{1,40}$/u, '');
  return clean.length >= 2 && /^[\p{L}\d]/u.test(clean) && !/\d{3}|^\d+\)/.test(clean) && /\p{L}{2}/u.test(clean)
    ? clean
    : null;
}
