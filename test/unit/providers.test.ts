import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ContactInput } from '@/lib/contact';
import { externalIdFor } from '@/lib/providers/external-id';
import { maskRequest } from '@/lib/providers/http';
import { getProvider, PROVIDER_IDS } from '@/lib/providers/index';
import type { Provider } from '@/lib/providers/types';

const ana: ContactInput = {
  firstName: 'Ana',
  lastName: 'García Márquez',
  emails: ['ana.garcia@northwind-robotics.com', 'ana@garcia.es'],
  phones: [
    { value: '+34912345678', type: 'work' },
    { value: '+34612345678', type: 'mobile' },
  ],
  company: 'Northwind Robotics',
  title: 'Head of Partnerships',
  website: 'https://northwind-robotics.com/team',
  notes: '',
  capturedAt: '',
};
const ctx = {
  baseUrl: 'https://api.example.test',
  credentials: { apiKey: 'secret-key-123456', accessToken: 'token-abcdef123456' },
};
const provider = (id: string) => getProvider(id) as Provider;
const build = (id: string, action: 'create' | 'update') => {
  const p = provider(id);
  const values = p.schema.parse(p.fromContact(ana, externalIdFor(ana)));
  return action === 'create' ? p.create(values, ctx) : p.update('abc123', values, ctx);
};
const keysOf = (body: string | undefined) => Object.keys(JSON.parse(body ?? '{}'));

// What the seed documents (test/fixtures/seeds) define; each name is checked against its seed's text below.
const SEEDS = {
  // sourceUrl is in the create reference (providers.md), not in the update seed.
  openphone: {
    file: '000_aa0d277c8ad738a9.txt',
    fields: [
      'defaultFields',
      'customFields',
      'source',
      'externalId',
      'firstName',
      'lastName',
      'company',
      'role',
      'emails',
      'phoneNumbers',
    ],
    also: ['sourceUrl'],
  },
  vixiees: {
    file: '002_93b37dc2931210f1.txt',
    fields: [
      'first_name',
      'last_name',
      'second_last_name',
      'email',
      'phone',
      'company_name',
      'additional_phones',
      'additional_emails',
      'priority',
      'source',
      'country_code',
      'language',
      'whatsapp_transactional_opt_in',
      'email_transactional_opt_in',
      'whatsapp_marketing_opt_in',
      'email_marketing_opt_in',
      'external_reference_id',
      'external_reference_url',
    ],
  },
  cleartalk: {
    file: '003_89d371b3852dce39.txt',
    fields: [
      'listName',
      'tag',
      'firstName',
      'lastName',
      'email',
      'phone',
      'dateOfBirth',
      'contactSource',
      'clearTalkNotes',
      'customField',
    ],
  },
  routera: { file: '004_34432ad860086f9c.txt', fields: ['fields', 'first_name', 'last_name', 'email', 'external_id'] },
};

describe('requests match the seed documents', () => {
  it('OpenPhone: POST /v1/contacts and PATCH /v1/contacts/{id}, the raw key in Authorization', () => {
    const create = build('openphone', 'create');
    expect([create.method, new URL(create.url).pathname]).toEqual(['POST', '/v1/contacts']);
    expect(create.headers.Authorization).toBe('secret-key-123456');
    const body = JSON.parse(create.body ?? '{}');
    expect(Object.keys(body.defaultFields).sort()).toEqual([
      'company',
      'emails',
      'firstName',
      'lastName',
      'phoneNumbers',
      'role',
    ]);
    expect(body.defaultFields.phoneNumbers).toEqual([
      { name: 'work', value: '+34912345678' },
      { name: 'mobile', value: '+34612345678' },
    ]);
    expect(body.externalId).toMatch(/^ctc-e-[0-9a-f]{24}$/);
    const update = build('openphone', 'update');
    expect([update.method, new URL(update.url).pathname]).toEqual(['PATCH', '/v1/contacts/abc123']);
  });

  it('Vixiees: PUT /contacts/{id} with X-API-Key; the first email and phone, the rest as additional', () => {
    const update = build('vixiees', 'update');
    expect([update.method, new URL(update.url).pathname]).toEqual(['PUT', '/contacts/abc123']);
    expect(update.headers['X-API-Key']).toBe('secret-key-123456');
    expect(JSON.parse(update.body ?? '{}')).toMatchObject({
      first_name: 'Ana',
      last_name: 'García',
      second_last_name: 'Márquez',
      email: 'ana.garcia@northwind-robotics.com',
      additional_emails: ['ana@garcia.es'],
      phone: '+34912345678',
      additional_phones: ['+34612345678'],
      source: 'api',
      email_transactional_opt_in: true,
      email_marketing_opt_in: false,
    });
  });

  it('ClearTalk: PATCH /contacts/{id} with x-api-key', () => {
    const update = build('cleartalk', 'update');
    expect([update.method, new URL(update.url).pathname]).toEqual(['PATCH', '/contacts/abc123']);
    expect(update.headers['x-api-key']).toBe('secret-key-123456');
  });

  it('Routera: PATCH /contacts/{contactId} with {fields} and a Bearer token; the token by client credentials', () => {
    const update = build('routera', 'update');
    expect([update.method, new URL(update.url).pathname]).toEqual(['PATCH', '/contacts/abc123']);
    expect(update.headers.Authorization).toBe('Bearer token-abcdef123456');
    expect(keysOf(update.body)).toEqual(['fields']);
    const token = provider('routera').token?.request({
      ...ctx,
      credentials: { clientId: 'id1', clientSecret: 's3cret' },
    });
    expect(token).toMatchObject({ method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(token?.body).toBe('grant_type=client_credentials&client_id=id1&client_secret=s3cret');
  });

  it.each(Object.entries(SEEDS))('%s sends only field names its seed defines', (id, seed) => {
    const names = new Set([...seed.fields, ...('also' in seed ? seed.also : [])]);
    const body = JSON.parse(build(id, 'create').body ?? '{}');
    const sent = [...Object.keys(body), ...Object.keys(body.defaultFields ?? {}), ...Object.keys(body.fields ?? {})];
    const custom = id === 'routera' ? ['phone', 'company', 'job_title'] : [];
    expect(sent.filter((k) => !names.has(k) && !custom.includes(k))).toEqual([]);
    // The seed pages are in the repository: a missing one fails here rather than skipping the check.
    const text = readFileSync(`test/fixtures/seeds/${seed.file}`, 'utf8');
    for (const name of seed.fields) expect(text, `${name} in ${seed.file}`).toContain(name);
  });

  it('masks every secret when a request is printed', () => {
    for (const id of PROVIDER_IDS) {
      const printed = JSON.stringify(maskRequest(build(id, 'create')));
      expect(printed).not.toContain('secret-key-123456');
      expect(printed).not.toContain('token-abcdef123456');
    }
  });
});

describe('error statuses become sentences with a next step', () => {
  const documented: Record<string, number[]> = {
    openphone: [400, 401, 403, 404, 409, 429, 500],
    vixiees: [400, 401, 404, 429, 500],
    cleartalk: [400, 401, 404, 500],
    routera: [400, 401, 404, 409, 429, 500],
  };
  it.each(Object.entries(documented))('%s', (id, statuses) => {
    const messages = statuses.map((status) => provider(id).explain(status, { message: 'detail from server' }));
    for (const error of messages) {
      expect(error.message.length).toBeGreaterThan(30);
      expect(error.message).not.toMatch(/undefined|\[object/);
    }
    expect(new Set(messages.map((m) => m.message)).size).toBe(statuses.length);
    expect(messages.filter((m) => m.retryable).map((m) => m.status)).toEqual(
      statuses.filter((s) => s === 429 || s >= 500),
    );
  });

  it('Routera: the archived 409 and the duplicate 409 say different things', () => {
    const archived = provider('routera').explain(409, { message: 'Object is archived — cannot update', error: true });
    const duplicate = provider('routera').explain(409, {
      message: 'Duplicate active record (unique key collision)',
      error: true,
    });
    expect(archived).toMatchObject({ kind: 'archived', message: /restore it/ });
    expect(duplicate).toMatchObject({ kind: 'duplicate', message: /open the existing record/ });
  });
});

describe('provider constraints', () => {
  it('OpenPhone refuses reserved sources', () => {
    const p = provider('openphone');
    const values = p.fromContact(ana, 'x1') as Record<string, unknown>;
    for (const source of ['openphone', 'csv-import', 'Zapier', 'other']) {
      expect(p.schema.safeParse({ ...values, source }).success).toBe(false);
    }
    expect(p.schema.safeParse({ ...values, source: 'trade-fair-2025' }).success).toBe(true);
  });

  it('Vixiees checks its enums and ISO codes and needs an email or a phone', () => {
    const p = provider('vixiees');
    const values = p.fromContact(ana, 'x1') as Record<string, unknown>;
    expect(p.schema.safeParse({ ...values, priority: 6 }).success).toBe(false);
    expect(p.schema.safeParse({ ...values, source: 'web' }).success).toBe(false);
    expect(p.schema.safeParse({ ...values, country_code: 'esp' }).success).toBe(false);
    expect(p.schema.safeParse({ ...values, language: 'ES' }).success).toBe(false);
    expect(p.schema.safeParse({ ...values, email: '', phone: '' }).success).toBe(false);
    expect(p.schema.safeParse({ ...values, priority: 3, country_code: 'ES', language: 'es' }).success).toBe(true);
  });

  it('gives the same person the same external id, whoever captures them', () => {
    expect(externalIdFor({ emails: ['Ana.Garcia@Northwind-Robotics.com'], phones: [] })).toBe(externalIdFor(ana));
    expect(externalIdFor({ emails: [], phones: [{ value: '+34912345678', type: 'work' }] })).toMatch(/^ctc-p-/);
    expect(externalIdFor(ana).length).toBeLessThanOrEqual(75);
  });
});
