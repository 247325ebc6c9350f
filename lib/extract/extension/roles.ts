/** Roles and companies as pages write them, read outside the page. */

const EVENT_PAGE =
  /speaker|panel|exhibitor|aussteller|ponentes|intervenants|agenda|programme|program\b|summit|conference|konferenz|congress|line-?up|jury|judges|mentors|keynote|podcast|webinar/i;
const ORG_WORD =
  /\b(inc|llc|ltd|gmbh|ag|sa|sas|bv|plc|corp|co|group|labs?|ventures|capital|partners|analytics|technolog(y|ies)|tech|systems|solutions|software|media|health|bank|university|universidad|universität|institute|institut|college|school|hospital|foundation|association|motors|pay|payments|energy|consulting|studio|agency|holdings|industries|networks|cloud|robotics|logistics|foods|pharma|therapeutics|insurance|fintech|digital|AI)\b/;
// Written capitalised in a name ("Addis Ababa University", "Acme Inc."), where ORG_WORD looks for the word in
// lower case (a department's "digital", "media" are no company).
const INSTITUTION =
  /\b(?:University|Universit(?:ät|at|é|à|y|eit|etet|ade|ad)|Universidad|Institute|Institut|Instituto|Istituto|College|Hospital|Foundation|Stiftung|Inc|LLC|Ltd|GmbH|Corp|PLC|Laboratory|Laboratorio)\b/u;
const LEGAL_FORM =
  /^(?:inc|llc|l\.l\.c|llp|ltd|limited|plc|corp|gmbh|ag|kg|s\.?a|s\.?l|s\.?r\.?l|s\.?p\.?a|sas|sarl|b\.?v|n\.?v|oy|ab|a\/s|aps|pty\.? ltd|pvt\.? ltd|co\.?,? ltd|lda|ltda|s\.?c|e\.\s?v)\.?$/i;
const ROLE_WORD =
  /\b(head|chief|officer|director|manager|lead|vp|vice|president|founder|partner|engineer|consultant|specialist|ceo|cto|cfo|coo|cmo|student|intern|candidate|graduate|developer)\b/i;

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
  // "Allan Aquila & Associates, LLC": a name and its legal form are one company.
  if (comma?.[2] && LEGAL_FORM.test(comma[2].trim())) return { title: null, company: text.trim() };
  if (
    comma?.[1] &&
    comma[2] &&
    (ORG_WORD.test(comma[2]) ||
      INSTITUTION.test(comma[2]) ||
      (eventPage && /^\p{Lu}/u.test(comma[2]) && !ROLE_WORD.test(comma[2])))
  ) {
    return { title: comma[1].trim(), company: comma[2].trim() };
  }
  return { title: text, company: null };
}

// Degrees and memberships written where a role would be ("B.Sc. Eng. (Peradeniya), PhD (UNSW), MIEEE").
const DEGREE =
  /(?:^|[\s,(])(?:B\.?\s?Sc|M\.?\s?Sc|Ph\.?\s?D|Ph\.?\s?Lic|B\.?\s?Tech|M\.?\s?Tech|B\.?\s?Eng|M\.?\s?Eng|B\.\s?A|M\.\s?A|MBA|B\.?\s?Com|LL\.?\s?[BM]|S?MIEEE|MIET|AMIE|FIEEE|M\.?\s?Phil|D\.?\s?Phil|BSc|MSc|PhD|MD|JD)\.?(?=$|[\s,()–-])/g;
const CHANNEL_LABEL =
  /^(?:twitter|x|linkedin|facebook|instagram|xing|github|e-?mail|mail|phone|tel(?:efon|ephone|éfono)?|fax|mobile?|mobil|web(?:site)?|homepage|contact|kontakt|profile?|vcard|more|mehr)$/i;

/**
 * A job title as a person would write one, or null: not a phone line ("Telefon +49 40 49 07 11 06"), an address,
 * a web address, a channel's label, a list of degrees, or the tail of a sentence ("and Legal Aspects of …").
 */
export function titleOf(text: string | null): string | null {
  if (!text) return null;
  // "projektleder, bolig — 28 45 19 63 —": the role is what comes before the details on its line.
  const [head = ''] = text.split(/\s+[—–|·•]\s+(?=.*(?:\d{2}.*\d{2}|@))/);
  const clean = head.replace(/^[\s,;:–—|·•-]+|[\s,;:–—|·•-]+$/g, '');
  if (clean.length < 2 || clean.length > 100) return null;
  if ((clean.match(/\d/g)?.length ?? 0) >= 5 || /@|https?:|www\.|\.[a-z]{2,6}(?:\/|$)/i.test(clean)) return null;
  if (CHANNEL_LABEL.test(clean) || /^(?:and|und|et|y|or|oder|of|the|for|in|with)\s/.test(clean)) return null;
  const degrees = clean.match(DEGREE)?.length ?? 0;
  if (degrees >= 2 || (degrees === 1 && clean.replace(DEGREE, '').replace(/\([^)]*\)|[\s,.]/g, '').length < 4))
    return null;
  return clean;
}

/** A company is words, not a line of numbers or a dangling fragment ("+45 61 78 29 34 —", "4)"). */
export function companyOf(text: string | null, declared = false): string | null {
  if (!text) return null;
  const clean = text
    .replace(/^[\s,–—|·-]+|[\s,–—|·-]+$/g, '')
    // "Teranga Pay in Dakar": the place is where the company is, not its name.
    .replace(/\s+(?:in|en|à|im|em)\s+\p{Lu}[\p{L}’' -]{1,40}$/u, '');
  // A web address is where the company is, not its name ("www.kas.de").
  if (!declared && /^(?:https?:\/\/)?(?:www\.)?[\w-]+(?:\.[\w-]+)+\/?$/i.test(clean)) return null;
  // Nor is an e-mail address ("Write to me: jon@…" read as a card's company line).
  if (/\S@\S/.test(clean)) return null;
  return clean.length >= 2 &&
    /^[\p{L}\d]/u.test(clean) &&
    !/\d{3}|^\d+\)/.test(clean) &&
    (/\p{L}{2}/u.test(clean) || (declared && /\p{L}/u.test(clean)))
    ? clean
    : null;
}
