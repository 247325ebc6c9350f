import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Candidate, CaptureResult, Phone } from '../capture-result';
import { nameFromEmail, splitName } from './names';
import { inferRegion } from './region';
import type { RawCandidate, RawCapture } from './types';

/**
 * Turns what the page gave into a CaptureResult: phones validated to E.164 with full metadata, names split,
 * the same person found twice merged, candidates ranked. Runs outside the page (popup, CLI): too heavy to inject.
 */
export function finishCapture(raw: RawCapture, options: { region?: string | null } = {}): CaptureResult {
  const region = options.region ?? inferRegion(raw.url, raw.lang);
  const candidates = merge(raw.candidates.map((c) => finishCandidate(c, region, raw.siteName)));
  const kept = candidates.filter((c) => c.emails.length > 0 || c.phones.length > 0);
  kept.sort((a, b) => b.confidence - a.confidence);
  return { url: raw.url, region, candidates: kept };
}

function finishCandidate(raw: RawCandidate, region: string, siteName: string | null): Candidate {
  const phones: Phone[] = [];
  for (const phone of raw.phones) {
    const e164 = toE164(phone.raw, region);
    if (e164 && !phones.some((p) => p.e164 === e164)) phones.push({ e164, raw: phone.raw, type: phone.type });
  }
  const sources = [...raw.sources];
  let full = raw.name;
  if (!full && raw.emails[0]) {
    full = nameFromEmail(raw.emails[0]);
    if (full) sources.push('email-derived');
  }
  const name = full ? { full, ...splitName(full) } : null;
  const candidate: Candidate = {
    name,
    emails: [...new Set(raw.emails)],
    phones,
    company: raw.company ?? siteName,
    title: raw.title,
    links: raw.links,
    confidence: 0,
    sources,
  };
  candidate.confidence = confidenceOf(candidate, raw.name !== null);
  return candidate;
}

export function toE164(raw: string, region: string): string | null {
  const cleaned = raw.replace(/^00/, '+');
  const parsed = parsePhoneNumberFromString(cleaned, region as CountryCode);
  return parsed?.isValid() ? parsed.number : null;
}

function confidenceOf(c: Candidate, nameOnPage: boolean): number {
  let score = 0.2;
  if (c.name) score += nameOnPage ? 0.3 : 0.1;
  if (c.emails.length > 0) score += 0.25;
  if (c.phones.length > 0) score += 0.15;
  if (c.title) score += 0.05;
  if (c.sources.includes('mailto') || c.sources.includes('tel')) score += 0.04;
  return Math.min(0.99, Math.round(score * 100) / 100);
}

/** The same person seen twice (header and footer, card and table) becomes one candidate. */
function merge(candidates: Candidate[]): Candidate[] {
  const out: Candidate[] = [];
  for (const c of candidates) {
    const same = out.find(
      (o) =>
        o.emails.some((e) => c.emails.includes(e)) || o.phones.some((p) => c.phones.some((q) => q.e164 === p.e164)),
    );
    if (!same || (same.name && c.name && same.name.full !== c.name.full)) {
      out.push(c);
      continue;
    }
    same.name ??= c.name;
    same.title ??= c.title;
    same.company ??= c.company;
    for (const e of c.emails) if (!same.emails.includes(e)) same.emails.push(e);
    for (const p of c.phones) if (!same.phones.some((q) => q.e164 === p.e164)) same.phones.push(p);
    for (const s of c.sources) if (!same.sources.includes(s)) same.sources.push(s);
    same.confidence = Math.max(same.confidence, c.confidence);
  }
  return out;
}
