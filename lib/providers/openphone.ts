import type { ContactInput } from '../contact';
import { E164 } from '../rules';
import { lazy, z } from '../zod';
import { cleanKey, commonError, joinUrl, jsonRequest, messageOf, segment } from './http';
import type { Provider, RequestContext } from './types';

/** OpenPhone's contact ids: letters, digits, `_` and `-`. */
const ID = /^[A-Za-z0-9_-]{1,100}$/;

// OpenPhone (now Quo) public API v1: docs/providers.md and seeds 000 (update) and 001 (create).
const RESERVED_SOURCES = new Set(['openphone', 'device', 'csv', 'zapier', 'google-people', 'other']);

// An item with an id addresses that existing item; one without is a new item (seed 000).
const item = (value: z.ZodType<string>) => z.object({ name: z.string().max(100), value, id: z.string().optional() });
const currentResponse = lazy(() =>
  z.object({
    data: z.object({
      defaultFields: z
        .object({
          emails: z.array(z.object({ id: z.string(), value: z.string().nullable() })).nullish(),
          phoneNumbers: z.array(z.object({ id: z.string(), value: z.string().nullable() })).nullish(),
        })
        .partial(),
    }),
  }),
);

/** Our items with the ids of the contact's own items of the same value: sent again, they stay one each. */
function withIdsOf<T extends { value: string; id?: string }>(
  ours: T[],
  theirs: ReadonlyArray<{ id: string; value: string | null }> | null | undefined,
  same: (a: string, b: string) => boolean,
): T[] {
  const used = new Set<string>();
  return ours.map((o) => {
    const match = (theirs ?? []).find((t) => t.value !== null && !used.has(t.id) && same(t.value, o.value));
    if (!match) return o;
    used.add(match.id);
    return { ...o, id: match.id };
  });
}

const customField = lazy(() =>
  z.object({
    key: z.string().min(1),
    value: z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]),
  }),
);

const values = lazy(() =>
  z.object({
    firstName: z.string().trim().min(1, 'OpenPhone needs a first name').max(100),
    lastName: z.string().trim().max(100),
    company: z.string().trim().max(200),
    role: z.string().trim().max(200),
    emails: z.array(item(z.email('Not an email address'))).max(20),
    phoneNumbers: z.array(item(z.string().regex(E164, 'Use the international format, e.g. +14155550100'))).max(20),
    customFields: z.array(customField()).max(50),
    source: z
      .string()
      .trim()
      .min(1)
      .max(72)
      .refine(
        (s) => !RESERVED_SOURCES.has(s.toLowerCase()) && !/^(openphone|csv)/i.test(s),
        'OpenPhone reserves this source name (openphone…, csv…, device, zapier, google-people, other)',
      ),
    sourceUrl: z.union([z.literal(''), z.url().max(200)]),
    externalId: z.string().min(1).max(75),
  }),
);

export type OpenPhoneValues = z.infer<ReturnType<typeof values>>;

/** Response: { data: Contact }; the list answers { data: Contact[], totalItems, nextPageToken }. */
const contactResponse = lazy(() => z.object({ data: z.object({ id: z.string().min(1) }) }));
const listResponse = lazy(() =>
  z.object({
    data: z.array(z.object({ id: z.string().min(1), externalId: z.string().nullable().optional() })),
  }),
);

function headers(ctx: RequestContext): Record<string, string> {
  // The raw key, no "Bearer" (the docs insist); a pasted "Bearer …" is cleaned rather than refused.
  return { Authorization: cleanKey(ctx.credentials.apiKey) };
}

function body(v: OpenPhoneValues) {
  return {
    defaultFields: {
      firstName: v.firstName,
      lastName: v.lastName || null,
      company: v.company || null,
      role: v.role || null,
      emails: v.emails,
      phoneNumbers: v.phoneNumbers,
    },
    ...(v.customFields.length > 0 ? { customFields: v.customFields } : {}),
    source: v.source,
    ...(v.sourceUrl ? { sourceUrl: v.sourceUrl } : {}),
    externalId: v.externalId,
  };
}

export const openphone: Provider<OpenPhoneValues> = {
  id: 'openphone',
  label: 'OpenPhone',
  idPattern: ID,
  hosts: ['https://*.openphone.com/*'],
  defaultable: ['source'],
  defaultBaseUrl: 'https://api.openphone.com',
  docs: 'https://www.openphone.com/docs/api-reference/contacts/create-a-contact',
  auth: 'api-key',
  fields: [
    { key: 'firstName', label: 'First name', type: 'text', required: true, maxLength: 100 },
    { key: 'lastName', label: 'Last name', type: 'text', maxLength: 100 },
    { key: 'company', label: 'Company', type: 'text', maxLength: 200 },
    { key: 'role', label: 'Role', type: 'text', maxLength: 200 },
    { key: 'emails', label: 'Emails', type: 'emails' },
    { key: 'phoneNumbers', label: 'Phone numbers', type: 'phones' },
    {
      key: 'source',
      label: 'Source',
      type: 'text',
      maxLength: 72,
      help: 'Shown in OpenPhone as where the contact came from.',
    },
    { key: 'sourceUrl', label: 'Source URL', type: 'url', maxLength: 200 },
  ],
  get schema() {
    return values();
  },
  fromContact: (c: ContactInput, externalId: string): OpenPhoneValues => ({
    firstName: c.firstName || c.lastName || c.emails[0] || '',
    lastName: c.firstName ? c.lastName : '',
    company: c.company,
    role: c.title,
    emails: c.emails.map((value, i) => ({ name: i === 0 ? 'work' : `email ${i + 1}`, value })),
    phoneNumbers: c.phones.map((p) => ({ name: p.type, value: p.value })),
    customFields: [],
    source: 'capture-to-crm',
    sourceUrl: c.website.length <= 200 ? c.website : '',
    externalId,
  }),
  create: (v, ctx) => jsonRequest('POST', joinUrl(ctx.baseUrl, '/v1/contacts'), headers(ctx), body(v)),
  update: (id, v, ctx) =>
    jsonRequest('PATCH', joinUrl(ctx.baseUrl, `/v1/contacts/${segment(id, ID)}`), headers(ctx), body(v)),
  current: (id, ctx) => jsonRequest('GET', joinUrl(ctx.baseUrl, `/v1/contacts/${segment(id, ID)}`), headers(ctx)),
  withCurrent: (v, current) => {
    const fields = currentResponse().safeParse(current).data?.data.defaultFields;
    if (!fields) return v;
    const digits = (s: string) => s.replace(/\D/g, '');
    return {
      ...v,
      emails: withIdsOf(v.emails, fields.emails, (a, b) => a.toLowerCase() === b.toLowerCase()),
      phoneNumbers: withIdsOf(v.phoneNumbers, fields.phoneNumbers, (a, b) => digits(a) === digits(b)),
    };
  },
  lookup: (externalId, ctx) =>
    jsonRequest(
      'GET',
      joinUrl(ctx.baseUrl, `/v1/contacts?externalIds=${encodeURIComponent(externalId)}&maxResults=1`),
      headers(ctx),
    ),
  probe: (ctx) => jsonRequest('GET', joinUrl(ctx.baseUrl, '/v1/contact-custom-fields'), headers(ctx)),
  readId: (b) => contactResponse().safeParse(b).data?.data.id ?? null,
  readLookup: (b) => listResponse().safeParse(b).data?.data[0]?.id ?? null,
  // The list takes externalIds as a repeated parameter, 50 results at most.
  lookupMany: {
    max: 50,
    request: (externalIds, ctx) =>
      jsonRequest(
        'GET',
        joinUrl(
          ctx.baseUrl,
          `/v1/contacts?${externalIds.map((id) => `externalIds=${encodeURIComponent(id)}`).join('&')}&maxResults=${Math.min(50, Math.max(1, externalIds.length))}`,
        ),
        headers(ctx),
      ),
    read: (b) =>
      (listResponse().safeParse(b).data?.data ?? []).flatMap((c) =>
        c.externalId ? [{ externalId: c.externalId, remoteId: c.id }] : [],
      ),
  },
  explain: (status, b) => {
    const error = commonError('OpenPhone', status, b);
    if (status === 401)
      error.message = 'The OpenPhone API key was refused — check it in Settings (paste the key alone).';
    if (status === 400) {
      const first = (b as { errors?: Array<{ path?: string; message?: string }> } | null)?.errors?.[0];
      if (first?.message) error.message = `OpenPhone did not accept ${first.path ?? 'the contact'}: ${first.message}.`;
      else if (messageOf(b)) error.message = `OpenPhone did not accept the contact: ${messageOf(b)}.`;
    }
    return error;
  },
  rateLimits: [{ max: 10, perMs: 1000 }],
  customFields: {
    request: (ctx) => openPhoneCustomFields.request(ctx),
    read: (b) => openPhoneCustomFields.read(b),
  },
};

/** OpenPhone custom field definitions: GET /v1/contact-custom-fields → { data: [{ name, key, type }] }. */
export const openPhoneCustomFields = {
  request: (ctx: RequestContext) => jsonRequest('GET', joinUrl(ctx.baseUrl, '/v1/contact-custom-fields'), headers(ctx)),
  read: (b: unknown) =>
    z
      .object({
        data: z.array(
          z.object({
            name: z.string(),
            key: z.string(),
            type: z.enum(['address', 'boolean', 'date', 'multi-select', 'number', 'string', 'url']),
          }),
        ),
      })
      .safeParse(b).data?.data ?? null,
};
