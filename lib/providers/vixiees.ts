import type { ContactInput } from '../contact';
import { E164 } from '../rules';
import { lazy, z } from '../zod';
import { cleanKey, commonError, joinUrl, jsonRequest, SAFE_ID, segment } from './http';
import type { Provider, RequestContext } from './types';

/** A Vixiees id or our external reference id. */
const ID = SAFE_ID;

// Vixiees: docs/providers.md and seed 002 (update). Unconfirmed by any public doc, kept here in one place:
// the base URL, and create as POST /contacts with the update's body answering 201.
const UNCONFIRMED = { baseUrl: 'https://api.vixiees.com', createPath: '/contacts' };

export const VIXIEES_SOURCES = ['manual', 'csv', 'api', 'call', 'whatsapp', 'email', 'crm'] as const;

const values = lazy(() =>
  z
    .object({
      first_name: z.string().trim().max(100),
      last_name: z.string().trim().max(100),
      second_last_name: z.string().trim().max(100),
      email: z.union([z.literal(''), z.email('Not an email address')]),
      additional_emails: z.array(z.email('Not an email address')).max(20),
      phone: z.union([z.literal(''), z.string().regex(E164, 'Use the international format, e.g. +34912345678')]),
      additional_phones: z.array(z.string().regex(E164, 'Use the international format')).max(20),
      company_name: z.string().trim().max(200),
      priority: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]).nullable(),
      source: z.enum(VIXIEES_SOURCES),
      country_code: z.union([
        z.literal(''),
        z.string().regex(/^[A-Z]{2}$/, 'Two capital letters (ISO 3166-1), e.g. ES'),
      ]),
      language: z.union([z.literal(''), z.string().regex(/^[a-z]{2}$/, 'Two small letters (ISO 639-1), e.g. es')]),
      whatsapp_transactional_opt_in: z.boolean(),
      email_transactional_opt_in: z.boolean(),
      whatsapp_marketing_opt_in: z.boolean(),
      email_marketing_opt_in: z.boolean(),
      external_reference_id: z.string().min(1).max(255),
      external_reference_url: z.union([z.literal(''), z.url()]),
    })
    // Vixiees' help center: a contact needs at least one email or phone.
    .refine((v) => v.email !== '' || v.phone !== '', {
      message: 'Vixiees needs an email or a phone number',
      path: ['email'],
    }),
);

export type VixieesValues = z.infer<ReturnType<typeof values>>;

const contactResponse = lazy(() => z.object({ id: z.union([z.string(), z.number()]) }));

function headers(ctx: RequestContext): Record<string, string> {
  return { 'X-API-Key': cleanKey(ctx.credentials.apiKey) };
}

function body(v: VixieesValues) {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(v)) {
    // Empty optional strings are left out rather than sent as "" (which would clear the field on update).
    if (value === '' || value === null || (Array.isArray(value) && value.length === 0)) continue;
    out[key] = value;
  }
  return out;
}

export const vixiees: Provider<VixieesValues> = {
  id: 'vixiees',
  label: 'Vixiees',
  idPattern: ID,
  hosts: ['https://*.vixiees.com/*'],
  defaultable: [
    'source',
    'priority',
    'whatsapp_transactional_opt_in',
    'email_transactional_opt_in',
    'whatsapp_marketing_opt_in',
    'email_marketing_opt_in',
  ],
  defaultBaseUrl: UNCONFIRMED.baseUrl,
  docs: 'https://docs.vixiees.com',
  auth: 'api-key',
  fields: [
    { key: 'first_name', label: 'First name', type: 'text', maxLength: 100 },
    { key: 'last_name', label: 'Last name', type: 'text', maxLength: 100 },
    { key: 'second_last_name', label: 'Second last name', type: 'text', maxLength: 100 },
    { key: 'email', label: 'Email', type: 'email' },
    { key: 'additional_emails', label: 'Additional emails', type: 'emails' },
    { key: 'phone', label: 'Phone', type: 'phone' },
    { key: 'additional_phones', label: 'Additional phones', type: 'phones' },
    { key: 'company_name', label: 'Company name', type: 'text', maxLength: 200 },
    {
      key: 'priority',
      label: 'Priority',
      type: 'select',
      options: [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) })),
    },
    { key: 'source', label: 'Source', type: 'select', options: VIXIEES_SOURCES.map((s) => ({ value: s, label: s })) },
    { key: 'country_code', label: 'Country code', type: 'text', maxLength: 2 },
    { key: 'language', label: 'Language', type: 'text', maxLength: 2 },
    { key: 'whatsapp_transactional_opt_in', label: 'WhatsApp transactional opt-in', type: 'boolean' },
    { key: 'email_transactional_opt_in', label: 'Email transactional opt-in', type: 'boolean' },
    { key: 'whatsapp_marketing_opt_in', label: 'WhatsApp marketing opt-in', type: 'boolean' },
    { key: 'email_marketing_opt_in', label: 'Email marketing opt-in', type: 'boolean' },
    { key: 'external_reference_url', label: 'External reference URL', type: 'url' },
  ],
  get schema() {
    return values();
  },
  fromContact: (c: ContactInput, externalId: string): VixieesValues => {
    const [firstLast, ...secondLast] = c.lastName.split(/\s+/).filter(Boolean);
    // A two-surname last name ("García Márquez") fills Vixiees' second last name.
    const twoSurnames = secondLast.length === 1 && /[A-ZÁÉÍÓÚÑ]/.test(secondLast[0]?.charAt(0) ?? '');
    return {
      first_name: c.firstName,
      last_name: twoSurnames ? (firstLast ?? '') : c.lastName,
      second_last_name: twoSurnames ? (secondLast[0] ?? '') : '',
      email: c.emails[0] ?? '',
      additional_emails: c.emails.slice(1),
      phone: c.phones[0]?.value ?? '',
      additional_phones: c.phones.slice(1).map((p) => p.value),
      company_name: c.company,
      priority: null,
      source: 'api',
      country_code: '',
      language: '',
      // Vixiees' defaults: transactional messages on, marketing off until the person agrees.
      whatsapp_transactional_opt_in: true,
      email_transactional_opt_in: true,
      whatsapp_marketing_opt_in: false,
      email_marketing_opt_in: false,
      external_reference_id: externalId,
      external_reference_url: /^https?:\/\//.test(c.website) ? c.website : '',
    };
  },
  create: (v, ctx) => jsonRequest('POST', joinUrl(ctx.baseUrl, UNCONFIRMED.createPath), headers(ctx), body(v)),
  // The path id may be the Vixiees id or our external reference id.
  update: (id, v, ctx) =>
    jsonRequest('PUT', joinUrl(ctx.baseUrl, `/contacts/${segment(id, ID)}`), headers(ctx), body(v)),
  lookup: (externalId, ctx) =>
    jsonRequest('GET', joinUrl(ctx.baseUrl, `/contacts/${segment(externalId, ID)}`), headers(ctx)),
  probe: (ctx) => jsonRequest('GET', joinUrl(ctx.baseUrl, '/contacts/ctc-connection-test'), headers(ctx)),
  readId: (b) => {
    const id = contactResponse().safeParse(b).data?.id;
    return id === undefined ? null : String(id);
  },
  readLookup: (b) => {
    const id = contactResponse().safeParse(b).data?.id;
    return id === undefined ? null : String(id);
  },
  explain: (status, b) => {
    const error = commonError('Vixiees', status, b);
    if (status === 401)
      error.message = 'The Vixiees API key was refused — copy it again from Settings → Account → API in Vixiees.';
    return error;
  },
  // Documented: a hard 40 per 2 seconds, and 25 a minute per license (×60 an hour, ×24 a day).
  rateLimits: [
    { max: 40, perMs: 2000 },
    { max: 25, perMs: 60_000 },
  ],
};
