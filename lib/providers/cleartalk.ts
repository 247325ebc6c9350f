import { type ContactInput, capturedAtText } from '../contact';
import { E164 } from '../rules';
import { lazy, z } from '../zod';
import { cleanKey, commonError, joinUrl, jsonRequest, SAFE_ID, segment } from './http';
import type { Provider, RequestContext } from './types';

/** ClearTalk's ids (numbers in its answers; strings in its paths). */
const ID = SAFE_ID;

// ClearTalk: docs/providers.md and seed 003 (update). The published schema marks every field required;
// that is doubtful, so we send what the user filled and let a 400 speak for itself.

const values = lazy(() =>
  z.object({
    firstName: z.string().trim().max(100),
    lastName: z.string().trim().max(100),
    email: z.union([z.literal(''), z.email('Not an email address')]),
    phone: z.union([z.literal(''), z.string().regex(E164, 'Use the international format, e.g. +14155550100')]),
    listName: z.string().trim().max(200),
    tag: z.string().trim().max(200),
    dateOfBirth: z.union([z.literal(''), z.iso.date('Use YYYY-MM-DD')]),
    contactSource: z.string().trim().max(200),
    clearTalkNotes: z.string().trim().max(5000),
    customField: z.record(z.string(), z.string()),
  }),
);

export type ClearTalkValues = z.infer<ReturnType<typeof values>>;

const contactResponse = lazy(() => z.object({ id: z.union([z.number(), z.string()]) }));

function headers(ctx: RequestContext): Record<string, string> {
  return { 'x-api-key': cleanKey(ctx.credentials.apiKey) };
}

function body(v: ClearTalkValues) {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(v)) {
    if (value === '' || (key === 'customField' && Object.keys(value as object).length === 0)) continue;
    out[key] = value;
  }
  return out;
}

export const cleartalk: Provider<ClearTalkValues> = {
  id: 'cleartalk',
  label: 'ClearTalk',
  idPattern: ID,
  hosts: ['https://*.cleartalk.ai/*'],
  defaultable: ['listName', 'tag', 'contactSource'],
  defaultBaseUrl: 'https://api.cleartalk.ai',
  docs: 'https://docs.cleartalk.ai/api-reference/contacts/update-a-contact',
  auth: 'api-key',
  fields: [
    { key: 'firstName', label: 'First name', type: 'text', maxLength: 100 },
    { key: 'lastName', label: 'Last name', type: 'text', maxLength: 100 },
    { key: 'email', label: 'Email', type: 'email' },
    { key: 'phone', label: 'Phone', type: 'phone' },
    { key: 'listName', label: 'List', type: 'text' },
    { key: 'tag', label: 'Tag', type: 'text' },
    { key: 'dateOfBirth', label: 'Date of birth', type: 'date' },
    { key: 'contactSource', label: 'Contact source', type: 'text' },
    { key: 'clearTalkNotes', label: 'Notes', type: 'textarea' },
  ],
  get schema() {
    return values();
  },
  fromContact: (c: ContactInput): ClearTalkValues => ({
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.emails[0] ?? '',
    phone: c.phones[0]?.value ?? '',
    listName: '',
    tag: '',
    dateOfBirth: '',
    contactSource: 'Capture to CRM',
    // ClearTalk has no company or title field: they travel in the notes, with what else was found.
    clearTalkNotes: [
      [c.title, c.company].filter(Boolean).join(', '),
      ...c.emails.slice(1).map((e) => `Email: ${e}`),
      ...c.phones.slice(1).map((p) => `Phone (${p.type}): ${p.value}`),
      c.website ? [`Found on ${c.website}`, capturedAtText(c.capturedAt)].filter(Boolean).join(' at ') : '',
      c.notes,
    ]
      .filter(Boolean)
      .join('\n'),
    customField: {},
  }),
  create: (v, ctx) => jsonRequest('POST', joinUrl(ctx.baseUrl, '/contacts'), headers(ctx), body(v)),
  update: (id, v, ctx) =>
    jsonRequest('PATCH', joinUrl(ctx.baseUrl, `/contacts/${segment(id, ID)}`), headers(ctx), body(v)),
  probe: (ctx) => jsonRequest('GET', joinUrl(ctx.baseUrl, '/contacts/ctc-connection-test'), headers(ctx)),
  readId: (b) => {
    const id = contactResponse().safeParse(b).data?.id;
    return id === undefined ? null : String(id);
  },
  explain: (status, b) => {
    const error = commonError('ClearTalk', status, b);
    if (status === 401) error.message = 'The ClearTalk API key was refused — check it in Settings.';
    return error;
  },
  // Not documented: a conservative pace.
  rateLimits: [{ max: 5, perMs: 1000 }],
};
