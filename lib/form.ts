import { type CountryCode, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Candidate } from './capture-result';
import { type ContactInput, ContactInputSchema } from './contact';
import type { PhoneType } from './extract/common/types';
import { EMAIL } from './rules';
import { boundUrl } from './text';

/** The popup form as the user sees it: plain strings, phones as typed. */
export interface ContactForm {
  firstName: string;
  lastName: string;
  company: string;
  title: string;
  emails: string[];
  phones: Array<{ value: string; type: PhoneType }>;
  website: string;
  notes: string;
}

export type FormErrors = Partial<Record<string, string>>;

export function blankForm(url = ''): ContactForm {
  return {
    firstName: '',
    lastName: '',
    company: '',
    title: '',
    emails: [''],
    phones: [{ value: '', type: 'work' }],
    website: boundUrl(url, 2048),
    notes: '',
  };
}

export function candidateToForm(c: Candidate, url: string): ContactForm {
  return {
    firstName: c.name?.first ?? '',
    lastName: c.name?.last ?? '',
    company: c.company ?? '',
    title: c.title ?? '',
    emails: c.emails.length > 0 ? [...c.emails] : [''],
    phones:
      c.phones.length > 0
        ? c.phones.map((p) => ({ value: readablePhone(p.e164), type: p.type }))
        : [{ value: '', type: 'work' }],
    website: boundUrl(url, 2048),
    notes: '',
  };
}

/** "+44 20 7946 0958": international format, readable and unambiguous whatever the user's country. */
export function readablePhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}

/** Checks the form and turns it into a contact; errors are keyed by field ("emails.1", "phones.0"). */
export function formToInput(
  form: ContactForm,
  region: string,
): { ok: true; input: ContactInput } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  const phones: ContactInput['phones'] = [];
  form.phones.forEach((p, i) => {
    if (p.value.trim() === '') return;
    const parsed = parsePhoneNumberFromString(p.value.replace(/^\s*00/, '+'), region as CountryCode);
    if (!parsed?.isValid())
      errors[`phones.${i}`] = `Not a valid phone number (for numbers outside ${region}, start with +).`;
    else phones.push({ value: parsed.number, type: p.type });
  });
  const emails: string[] = [];
  form.emails.forEach((e, i) => {
    const email = e.trim().toLowerCase();
    if (email === '') return;
    if (!EMAIL.test(email)) errors[`emails.${i}`] = 'Not an email address.';
    else emails.push(email);
  });
  const parsed = ContactInputSchema.safeParse({ ...form, emails, phones });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) errors[issue.path.join('.')] ??= issue.message;
  }
  if (emails.length === 0 && phones.length === 0 && !form.firstName.trim() && !form.lastName.trim()) {
    errors.form = 'Add at least a name, an email or a phone number.';
  }
  if (Object.keys(errors).length > 0 || !parsed.success) return { ok: false, errors };
  return { ok: true, input: parsed.data };
}

/** What the form holds so far, keeping only the valid emails and phones: to show a provider's fields while typing. */
export function formSoFar(form: ContactForm, region: string): ContactInput {
  const emails = form.emails.map((e) => e.trim().toLowerCase()).filter((e) => EMAIL.test(e));
  const phones = form.phones.flatMap((p) => {
    const parsed = parsePhoneNumberFromString(p.value.replace(/^\s*00/, '+'), region as CountryCode);
    return parsed?.isValid() ? [{ value: parsed.number, type: p.type }] : [];
  });
  const clip = (text: string, max: number) => text.trim().slice(0, max);
  return {
    firstName: clip(form.firstName, 100),
    lastName: clip(form.lastName, 100),
    company: clip(form.company, 200),
    title: clip(form.title, 200),
    emails: emails.slice(0, 20),
    phones: phones.slice(0, 20),
    website: clip(form.website, 2048),
    notes: clip(form.notes, 5000),
    capturedAt: '',
  };
}
