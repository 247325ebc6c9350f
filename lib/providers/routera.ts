import type { ContactInput } from '../contact';
import { E164 } from '../rules';
import { lazy, z } from '../zod';
import { commonError, joinUrl, jsonRequest, messageOf, segment } from './http';
import type { Provider, RequestContext } from './types';

/** Routera's contact ids: letters, digits, `_` and `-`. */
const ID = /^[A-Za-z0-9_-]{1,100}$/;

// Routera: docs/providers.md and seed 004 (update). Documented system fields are first_name, last_name,
// email, external_id (and phone in the ?properties example); company and job title are account fields whose
// internal names each account sets — these defaults are unconfirmed and editable.
export const ROUTERA_FIELD_NAMES = { company: 'company', title: 'job_title' };

const values = lazy(() =>
  z
    .object({
      first_name: z.string().trim().max(100),
      last_name: z.string().trim().max(100),
      email: z.union([z.literal(''), z.email('Not an email address')]),
      phone: z.union([z.literal(''), z.string().regex(E164, 'Use the international format, e.g. +14155550100')]),
      external_id: z.string().min(1).max(255),
      custom: z.record(
        z.string().regex(/^[a-z][a-z0-9_]*$/, 'Internal names are lower_case_with_underscores'),
        z.string(),
      ),
    })
    .refine((v) => v.email !== '' || v.first_name !== '' || v.last_name !== '', {
      message: 'Routera needs an email, a first name or a last name',
      path: ['email'],
    }),
);

export type RouteraValues = z.infer<ReturnType<typeof values>>;

const contactResponse = lazy(() => z.object({ id: z.union([z.string(), z.number()]) }));

function headers(ctx: RequestContext): Record<string, string> {
  return { Authorization: `Bearer ${ctx.credentials.accessToken ?? ''}` };
}

function fields(v: RouteraValues): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ['first_name', 'last_name', 'email', 'phone', 'external_id'] as const)
    if (v[key]) out[key] = v[key];
  for (const [key, value] of Object.entries(v.custom)) if (value) out[key] = value;
  return out;
}

export const routera: Provider<RouteraValues> = {
  id: 'routera',
  label: 'Routera',
  idPattern: ID,
  hosts: ['https://*.routera.io/*'],
  defaultable: [],
  uniqueExternalId: true,
  defaultBaseUrl: 'https://api.routera.io',
  docs: 'https://docs.routera.io/api-reference/contacts/update-contact',
  auth: 'oauth-client-credentials',
  fields: [
    { key: 'first_name', label: 'First name', type: 'text', maxLength: 100 },
    { key: 'last_name', label: 'Last name', type: 'text', maxLength: 100 },
    { key: 'email', label: 'Email', type: 'email' },
    { key: 'phone', label: 'Phone', type: 'phone' },
  ],
  get schema() {
    return values();
  },
  fromContact: (c: ContactInput, externalId: string): RouteraValues => ({
    first_name: c.firstName,
    last_name: c.lastName,
    email: c.emails[0] ?? '',
    phone: c.phones[0]?.value ?? '',
    external_id: externalId,
    custom: { [ROUTERA_FIELD_NAMES.company]: c.company, [ROUTERA_FIELD_NAMES.title]: c.title },
  }),
  create: (v, ctx) => jsonRequest('POST', joinUrl(ctx.baseUrl, '/contacts'), headers(ctx), { fields: fields(v) }),
  // Only the keys to change; external_id is already set and stays.
  update: (id, v, ctx) => {
    const { external_id: _, ...changes } = fields(v);
    return jsonRequest('PATCH', joinUrl(ctx.baseUrl, `/contacts/${segment(id, ID)}`), headers(ctx), {
      fields: changes,
    });
  },
  probe: (ctx) => jsonRequest('GET', joinUrl(ctx.baseUrl, '/contacts/ctc-connection-test'), headers(ctx)),
  readId: (b) => {
    const id = contactResponse().safeParse(b).data?.id;
    return id === undefined ? null : String(id);
  },
  explain: (status, b) => {
    const error = commonError('Routera', status, b);
    const said = messageOf(b) ?? '';
    if (status === 401) {
      error.message = /account context/i.test(said)
        ? 'Routera accepted the credentials but they belong to no account — create the API client inside your Routera account.'
        : 'The Routera client id or secret was refused — check them in Settings.';
    }
    if (status === 409 && /archiv/i.test(said)) {
      return {
        kind: 'archived',
        status,
        retryable: false,
        message:
          'This contact is archived in Routera and cannot be updated — restore it in Routera, or create a new one.',
      };
    }
    if (status === 409) {
      return {
        kind: 'duplicate',
        status,
        retryable: false,
        message:
          'Routera already has an active contact with this email or external id — open the existing record and update it instead.',
      };
    }
    return error;
  },
  // Not documented: a conservative pace.
  rateLimits: [{ max: 5, perMs: 1000 }],
  token: {
    request: (ctx: RequestContext) => ({
      method: 'POST',
      url: joinUrl(ctx.baseUrl, '/oauth2/token'),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: ctx.credentials.clientId ?? '',
        client_secret: ctx.credentials.clientSecret ?? '',
      }).toString(),
    }),
    read: (b: unknown) => {
      const parsed = z
        .object({ access_token: z.string().min(1), expires_in: z.number().positive(), token_type: z.string() })
        .safeParse(b);
      return parsed.success
        ? { accessToken: parsed.data.access_token, expiresInSeconds: parsed.data.expires_in }
        : null;
    },
  },
};
