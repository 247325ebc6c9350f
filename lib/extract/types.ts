/** What the injected script returns: plain JSON, no validation or phone metadata (kept small for strangers' pages). */

export type SignalSource = 'mailto' | 'tel' | 'text' | 'json-ld' | 'meta' | 'email-derived';

export type PhoneType = 'work' | 'mobile' | 'fax' | 'home' | 'other';

export interface RawPhone {
  raw: string;
  type: PhoneType;
}

export interface RawCandidate {
  name: string | null;
  title: string | null;
  company: string | null;
  emails: string[];
  phones: RawPhone[];
  links: string[];
  sources: SignalSource[];
}

export interface RawCapture {
  url: string;
  title: string;
  siteName: string | null;
  lang: string | null;
  candidates: RawCandidate[];
}
