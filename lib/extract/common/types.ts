/** What the injected script returns: plain JSON, no validation or phone metadata (kept small for strangers' pages). */

export type SignalSource =
  | 'mailto'
  | 'tel'
  | 'text'
  | 'json-ld'
  | 'microdata'
  | 'rdfa'
  | 'microformat'
  | 'meta'
  | 'cloudflare'
  | 'whatsapp'
  | 'email-derived';

export type PhoneType = 'work' | 'mobile' | 'fax' | 'home' | 'other';

export interface RawPhone {
  raw: string;
  type: PhoneType;
}

export interface RawCandidate {
  name: string | null;
  /** The role as the page writes it, title and company together ("CTO at Lagos Fintech"); split when finished. */
  role?: string | null;
  title: string | null;
  company: string | null;
  /** A registered company named in the person's card, for when nothing says which company is theirs. */
  companyHint?: string | null;
  /** For details without a name: the first words of their row ("Bloomsbury Academic, " before its link). */
  rowLead?: string | null;
  emails: string[];
  phones: RawPhone[];
  links: string[];
  sources: SignalSource[];
  /** Declared by the page's structured data (or the one person of a profile page): a candidate without any channel. */
  declared?: boolean;
}

export interface RawCapture {
  url: string;
  title: string;
  lang: string | null;
  /** The page's og:site_name, as written. */
  metaSiteName: string | null;
  /** The page's first <h1>, as written. */
  heading: string | null;
  /** The first short lines of text after that heading (a profile's headline, employer, place). */
  afterHeading: string[];
  /** The first of those lines that links to an organisation's page (linkedin.com/company/…): a current employer. */
  headingOrg: string | null;
  /** The person a profile page is about (og profile:first_name/last_name) or the page's author meta. */
  metaPerson: string | null;
  /** Where the page says who and where it is: the footer's text, then each <address>. */
  siteTexts: string[];
  /** Short texts anywhere on the page that name a registered company (an imprint's "HS Flamingo s.r.o."). */
  legalTexts: string[];
  /** The page's JSON-LD scripts, unparsed (read outside the page). */
  jsonLd: string[];
  /** The outer HTML of its marked-up parts (microdata, RDFa, microformats), read outside the page. */
  snapshots: string[];
  /** Its meta tags, [property or name, content]. */
  metas: Array<[string, string]>;
  candidates: RawCandidate[];
  /** True when the page was larger than the scan's bounds and only its first part was read. */
  truncated: boolean;
}
