import { type Candidate, PHONE_TYPES } from './capture-result';
import { E164, EMAIL } from './rules';
import { boundUrl, sanitizeText } from './text';
import { z } from './zod';

// Every text of a contact passes the one sanitiser (lib/text.ts) on its way in: from the form, a message, storage.
const field = (max: number, multiline = false) =>
  z
    .string()
    .transform((s) => sanitizeText(s, { multiline }))
    .pipe(z.string().max(max));
/** A web address is shortened rather than refused (a tracking URL of 5,000 characters must not fail a save). */
const address = (max: number) =>
  z.string().transform((s) => (s.trim() === '' ? '' : boundUrl(s, max) || sanitizeText(s, { max })));

/** A person as the user confirmed it in the form: what every provider's fields are filled from. */
export const ContactInputSchema = z.object({
  firstName: field(100),
  lastName: field(100),
  emails: z.array(z.string().trim().toLowerCase().max(254).regex(EMAIL, 'Not an email address')).max(20),
  phones: z
    .array(z.object({ value: z.string().regex(E164, 'Not an E.164 number'), type: z.enum(PHONE_TYPES) }))
    .max(20),
  company: field(200),
  title: field(200),
  website: address(2048),
  notes: field(5000, true),
  /** When the page was read (ISO 8601, UTC), '' for a contact typed by hand: with `website`, where it came from. */
  capturedAt: z.union([z.literal(''), z.iso.datetime()]).default(''),
});

export const ContactSchema = ContactInputSchema.extend({
  id: z.string().min(1),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

export type ContactInput = z.infer<typeof ContactInputSchema>;
export type Contact = z.infer<typeof ContactSchema>;

export function emptyContactInput(): ContactInput {
  return {
    firstName: '',
    lastName: '',
    emails: [],
    phones: [],
    company: '',
    title: '',
    website: '',
    notes: '',
    capturedAt: '',
  };
}

export function displayName(c: Pick<ContactInput, 'firstName' | 'lastName' | 'emails' | 'phones'>): string {
  return `${c.firstName} ${c.lastName}`.trim() || c.emails[0] || c.phones[0]?.value || 'Unnamed contact';
}

/** A CaptureResult candidate as the contact the form starts from (the dry-run CLI's input too). */
export function candidateToContact(candidate: Candidate, sourceUrl = '', capturedAt: Date | null = null): ContactInput {
  return {
    firstName: candidate.name?.first ?? '',
    lastName: candidate.name?.last ?? '',
    emails: [...candidate.emails],
    phones: candidate.phones.map((p) => ({ value: p.e164, type: p.type })),
    company: candidate.company ?? '',
    title: candidate.title ?? '',
    website: boundUrl(sourceUrl, 2048),
    notes: '',
    capturedAt: capturedAt ? capturedAt.toISOString() : '',
  };
}

/** "2026-12-02 06:07 UTC": a capture time as a note can say it, the same for every reader. */
export function capturedAtText(iso: string): string {
  return iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : '';
}
