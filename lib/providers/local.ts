import { type ContactInput, ContactInputSchema } from '../contact';
import { z } from '../zod';
import { jsonRequest, SAFE_ID, segment } from './http';
import type { Provider } from './types';

/** The address book's own ids. */
const ID = SAFE_ID;

/**
 * The built-in address book: no account and no network. Its requests address `local://address-book`, which the
 * background answers from extension storage instead of fetch, so the form, outbox and dry-run treat it like any
 * other provider.
 */
export const LOCAL_BASE_URL = 'local://address-book';

export const local: Provider<ContactInput> = {
  id: 'local',
  label: 'Local address book',
  idPattern: ID,
  inBrowser: true,
  hosts: [],
  defaultable: [],
  defaultBaseUrl: LOCAL_BASE_URL,
  docs: 'https://www.rfc-editor.org/rfc/rfc6350',
  auth: 'api-key',
  fields: [
    { key: 'firstName', label: 'First name', type: 'text', maxLength: 100 },
    { key: 'lastName', label: 'Last name', type: 'text', maxLength: 100 },
    { key: 'company', label: 'Company', type: 'text', maxLength: 200 },
    { key: 'title', label: 'Job title', type: 'text', maxLength: 200 },
    { key: 'emails', label: 'Emails', type: 'emails' },
    { key: 'phones', label: 'Phones', type: 'phones' },
    { key: 'website', label: 'Website', type: 'url' },
    { key: 'notes', label: 'Notes', type: 'textarea', maxLength: 5000 },
  ],
  schema: ContactInputSchema,
  fromContact: (c) => c,
  create: (v) => jsonRequest('POST', `${LOCAL_BASE_URL}/contacts`, {}, v),
  update: (id, v) => jsonRequest('PUT', `${LOCAL_BASE_URL}/contacts/${segment(id, ID)}`, {}, v),
  probe: () => jsonRequest('GET', `${LOCAL_BASE_URL}/contacts`, {}),
  readId: (b) => z.object({ id: z.string() }).safeParse(b).data?.id ?? null,
  explain: (status, b) => ({
    kind: 'unknown',
    status,
    retryable: false,
    message: `The address book could not save the contact (${typeof b === 'string' ? b : 'storage error'}). Nothing was lost — try again.`,
  }),
  rateLimits: [],
};
