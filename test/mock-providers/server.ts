// A local HTTP server that implements the four providers' contact APIs strictly as documented
// (docs/providers.md, test/fixtures/seeds/): auth headers, paths and methods, field names, types and limits,
// status codes and error bodies, with an in-memory store, the documented rate limits and injectable faults.
// Each provider lives under its own prefix: <url>/openphone, <url>/vixiees, <url>/cleartalk, <url>/routera.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { z } from 'zod';
import { type Fault, FaultPlan } from './faults';

export const MOCK_KEYS = {
  openphone: 'op_live_mock_5f2c9a7e41',
  vixiees: 'vx_mock_key_93b1',
  cleartalk: 'ct_mock_key_77aa',
  routera: { clientId: 'rt_client_mock', clientSecret: 'rt_secret_mock_0c4e' },
  /** A Routera client that authenticates but belongs to no account. */
  routeraOrphan: { clientId: 'rt_client_orphan', clientSecret: 'rt_secret_orphan' },
};

/** The providers this mock implements, each from its own documentation (test/fixtures/seeds/). */
export const MOCKED = ['openphone', 'vixiees', 'cleartalk', 'routera'] as const;
export type ProviderName = (typeof MOCKED)[number];
type Json = Record<string, unknown>;

export interface MockOptions {
  port?: number;
  /** Enforce the documented rate limits (default on). */
  rateLimits?: boolean;
  /** Lifetime of Routera access tokens. */
  tokenTtlSeconds?: number;
}

export interface MockProviders {
  url: string;
  baseUrl: (provider: ProviderName) => string;
  records: (provider: ProviderName) => Json[];
  faults: FaultPlan;
  /**
   * Every request received, for assertions: method, path, status, the fault injected into it (429s without one
   * are the rate limit's own), and the Connection header it came with.
   */
  log: Array<{
    provider: string;
    method: string;
    path: string;
    status: number | 'dropped';
    fault?: string;
    connection?: string;
  }>;
  reset: () => void;
  /** Stops listening (connections refused) while keeping every record; up() listens again on the same port. */
  down: () => Promise<void>;
  up: () => Promise<void>;
  close: () => Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: Json,
    readonly headers: Record<string, string> = {},
  ) {
    super(String(body.message ?? status));
  }
}

const E164 = /^\+[1-9]\d{6,14}$/;
const now = () => new Date().toISOString();

// ---------- OpenPhone ----------
const OP_RESERVED = new Set(['openphone', 'device', 'csv', 'zapier', 'google-people', 'other']);
const opItem = (value: z.ZodType) => z.strictObject({ name: z.string().optional(), value, id: z.string().optional() });
const opDefaultFields = z.strictObject({
  firstName: z.string().min(1).nullable().optional(),
  lastName: z.string().nullable().optional(),
  company: z.string().nullable().optional(),
  role: z.string().nullable().optional(),
  emails: z.array(opItem(z.email().nullable())).optional(),
  phoneNumbers: z.array(opItem(z.string().regex(E164).nullable())).optional(),
});
const opSource = z
  .string()
  .min(1)
  .max(72)
  .refine((s) => !OP_RESERVED.has(s.toLowerCase()) && !/^(openphone|csv)/i.test(s), 'source is a reserved word');
const opCreate = z.strictObject({
  defaultFields: opDefaultFields,
  customFields: z.array(z.strictObject({ key: z.string(), value: z.unknown() })).optional(),
  createdByUserId: z.string().optional(),
  source: opSource.optional(),
  sourceUrl: z.string().min(1).max(200).optional(),
  externalId: z.string().min(1).max(75).nullable().optional(),
});
const opUpdate = opCreate.partial().extend({ source: opSource.nullable().optional() });
const OP_CUSTOM_FIELDS = [
  { name: 'Inbound Lead', key: 'inbound-lead', type: 'multi-select' },
  { name: 'Deal size', key: 'deal-size', type: 'number' },
];

function opError(status: number, message: string, errors: Array<{ path: string; message: string }> = []): HttpError {
  const titles: Record<number, string> = {
    400: 'Bad Request',
    401: 'Unauthorized',
    403: 'Forbidden',
    404: 'Not Found',
    409: 'Conflict',
    429: 'Too Many Requests',
    500: 'Internal Server Error',
  };
  return new HttpError(status, {
    message,
    code: `0${status}00`,
    status,
    docs: 'https://openphone.com/docs',
    title: titles[status] ?? 'Error',
    trace: randomUUID(),
    errors: errors.map((e) => ({ ...e, value: null, schema: {} })),
  });
}

// ---------- Vixiees ----------
const vxBody = z.strictObject({
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  second_last_name: z.string().optional(),
  email: z.email().optional(),
  phone: z.string().regex(E164).optional(),
  company_name: z.string().optional(),
  additional_phones: z.array(z.string().regex(E164)).optional(),
  additional_emails: z.array(z.email()).optional(),
  priority: z.number().int().min(1).max(5).optional(),
  source: z.enum(['manual', 'csv', 'api', 'call', 'whatsapp', 'email', 'crm']).optional(),
  country_code: z
    .string()
    .regex(/^[A-Z]{2}$/)
    .optional(),
  language: z
    .string()
    .regex(/^[a-z]{2}$/)
    .optional(),
  whatsapp_transactional_opt_in: z.boolean().optional(),
  email_transactional_opt_in: z.boolean().optional(),
  whatsapp_marketing_opt_in: z.boolean().optional(),
  email_marketing_opt_in: z.boolean().optional(),
  external_reference_id: z.string().optional(),
  external_reference_url: z.string().optional(),
  skills: z.array(z.unknown()).optional(),
  custom_attributes: z.array(z.unknown()).nullable().optional(),
});

// ---------- ClearTalk ----------
const ctBody = z.strictObject({
  listName: z.string().optional(),
  tag: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
  email: z.string().optional(),
  phone: z.string().optional(),
  dateOfBirth: z.string().optional(),
  contactSource: z.string().optional(),
  clearTalkNotes: z.string().optional(),
  customField: z.record(z.string(), z.unknown()).optional(),
});

// ---------- Routera ----------
const RT_SYSTEM_READONLY = new Set(['id', 'created_at', 'updated_at', 'archived', 'archived_by', 'contact_owner']);
const RT_FIELDS = new Set(['first_name', 'last_name', 'email', 'phone', 'external_id', 'company', 'job_title']);
const RT_PROPERTIES = new Set([...RT_FIELDS, 'contact_owner']);

export async function startMockProviders(options: MockOptions = {}): Promise<MockProviders> {
  const stores: Record<ProviderName, Map<string, Json>> = {
    openphone: new Map(),
    vixiees: new Map(),
    cleartalk: new Map(),
    routera: new Map(),
  };
  const tokens = new Map<string, { expiresAt: number; orphan: boolean }>();
  const windows = new Map<string, number[]>();
  const faults = new FaultPlan();
  const log: MockProviders['log'] = [];
  let cleartalkSeq = 1000;

  const limited = (key: string, max: number, perMs: number) => {
    if (options.rateLimits === false) return null;
    const t = Date.now();
    const list = (windows.get(key) ?? []).filter((x) => x > t - perMs);
    if (list.length >= max) {
      windows.set(key, list);
      return Math.max(1, Math.ceil(((list[0] ?? t) + perMs - t) / 1000));
    }
    list.push(t);
    windows.set(key, list);
    return null;
  };

  const parse = <T>(
    schema: z.ZodType<T>,
    body: unknown,
    fail: (issues: Array<{ path: string; message: string }>) => HttpError,
  ): T => {
    const result = schema.safeParse(body);
    if (!result.success) throw fail(result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
    return result.data;
  };

  function openphone(
    method: string,
    path: string,
    query: URLSearchParams,
    headers: IncomingMessage['headers'],
    body: unknown,
  ): [number, Json] {
    if (headers.authorization !== MOCK_KEYS.openphone)
      throw opError(401, 'Invalid API key. Use the raw key in the Authorization header.');
    const store = stores.openphone;
    if (method === 'GET' && path === '/v1/contact-custom-fields') return [200, { data: OP_CUSTOM_FIELDS }];
    if (method === 'GET' && path === '/v1/contacts') {
      const max = Number(query.get('maxResults') ?? '10');
      if (!Number.isInteger(max) || max < 1 || max > 50)
        throw opError(400, 'maxResults must be between 1 and 50', [{ path: 'maxResults', message: 'out of range' }]);
      const ids = query.getAll('externalIds').flatMap((v) => v.split(','));
      const sources = query.getAll('sources').flatMap((v) => v.split(','));
      const found = [...store.values()].filter(
        (c) =>
          (ids.length === 0 || ids.includes(String(c.externalId))) &&
          (sources.length === 0 || sources.includes(String(c.source))),
      );
      return [200, { data: found.slice(0, max), totalItems: found.length, nextPageToken: null }];
    }
    if (method === 'POST' && path === '/v1/contacts') {
      const input = parse(opCreate, body, (issues) => opError(400, 'Invalid request body', issues));
      for (const cf of input.customFields ?? []) {
        if (!OP_CUSTOM_FIELDS.some((f) => f.key === cf.key))
          throw opError(400, `Unknown custom field ${cf.key}`, [{ path: 'customFields', message: 'unknown key' }]);
      }
      const id = `CT${randomUUID().replace(/-/g, '').slice(0, 20)}`;
      const withIds = (items: Array<{ name?: string; value: unknown }> = []) =>
        items.map((i) => ({ ...i, id: randomUUID().slice(0, 8) }));
      const contact: Json = {
        id,
        externalId: input.externalId ?? null,
        source: input.source ?? 'public-api',
        sourceUrl: input.sourceUrl ?? null,
        defaultFields: {
          ...input.defaultFields,
          emails: withIds(input.defaultFields.emails),
          phoneNumbers: withIds(input.defaultFields.phoneNumbers),
        },
        customFields: input.customFields ?? [],
        createdAt: now(),
        updatedAt: now(),
        createdByUserId: input.createdByUserId ?? 'USmock',
      };
      store.set(id, contact);
      return [201, { data: contact }];
    }
    const match = /^\/v1\/contacts\/([^/]+)$/.exec(path);
    if (match && method === 'GET') {
      const existing = store.get(decodeURIComponent(match[1] ?? ''));
      if (!existing) throw opError(404, 'Contact not found');
      return [200, { data: existing }];
    }
    if (match && method === 'PATCH') {
      const existing = store.get(decodeURIComponent(match[1] ?? ''));
      if (!existing) throw opError(404, 'Contact not found');
      const input = parse(opUpdate, body, (issues) => opError(400, 'Invalid request body', issues));
      const fields = { ...(existing.defaultFields as Json) };
      for (const [key, value] of Object.entries(input.defaultFields ?? {})) {
        if (key === 'emails' || key === 'phoneNumbers') {
          // Items with an id target that item; value null removes it; items without an id are added.
          let items = [...((fields[key] as Json[]) ?? [])];
          for (const item of value as Array<{ id?: string; value: unknown; name?: string }>) {
            if (item.id)
              items =
                item.value === null
                  ? items.filter((i) => i.id !== item.id)
                  : items.map((i) => (i.id === item.id ? { ...i, ...item } : i));
            else if (item.value !== null) items.push({ ...item, id: randomUUID().slice(0, 8) });
          }
          fields[key] = items;
        } else fields[key] = value;
      }
      const updated: Json = { ...existing, ...input, defaultFields: fields, updatedAt: now() };
      store.set(String(existing.id), updated);
      return [200, { data: updated }];
    }
    throw opError(404, `No route ${method} ${path}`);
  }

  function vixiees(method: string, path: string, headers: IncomingMessage['headers'], body: unknown): [number, Json] {
    if (headers['x-api-key'] !== MOCK_KEYS.vixiees) throw new HttpError(401, { message: 'unauthorized' });
    const store = stores.vixiees;
    const find = (id: string) => store.get(id) ?? [...store.values()].find((c) => c.external_reference_id === id);
    if (method === 'POST' && path === '/contacts') {
      const input = parse(vxBody, body, (issues) => new HttpError(400, { message: 'invalid contact', errors: issues }));
      if (!input.email && !input.phone)
        throw new HttpError(400, { message: 'a contact needs at least one email or phone' });
      const contact: Json = {
        whatsapp_transactional_opt_in: true,
        email_transactional_opt_in: true,
        whatsapp_marketing_opt_in: false,
        email_marketing_opt_in: false,
        ...input,
        id: randomUUID(),
        ignored: false,
        is_client: false,
        created_at: now(),
        updated_at: now(),
      };
      store.set(String(contact.id), contact);
      return [201, contact];
    }
    const match = /^\/contacts\/([^/]+)$/.exec(path);
    if (match) {
      const existing = find(decodeURIComponent(match[1] ?? ''));
      if (!existing) throw new HttpError(404, { message: 'contact not found' });
      if (method === 'GET') return [200, existing];
      if (method === 'PUT') {
        const input = parse(
          vxBody,
          body,
          (issues) => new HttpError(400, { message: 'invalid contact', errors: issues }),
        );
        const updated = { ...existing, ...input, updated_at: now() };
        store.set(String(existing.id), updated);
        return [200, updated];
      }
    }
    throw new HttpError(404, { message: `no route ${method} ${path}` });
  }

  function cleartalk(method: string, path: string, headers: IncomingMessage['headers'], body: unknown): [number, Json] {
    if (headers['x-api-key'] !== MOCK_KEYS.cleartalk)
      throw new HttpError(401, { message: 'Unauthorized', statusCode: 401 });
    const store = stores.cleartalk;
    const invalid = (issues: Array<{ path: string; message: string }>) =>
      new HttpError(400, {
        message: issues.map((i) => `${i.path}: ${i.message}`),
        error: 'Bad Request',
        statusCode: 400,
      });
    if (method === 'POST' && path === '/contacts') {
      const input = parse(ctBody, body, invalid);
      if (!input.firstName && !input.lastName && !input.email && !input.phone)
        throw invalid([{ path: 'firstName', message: 'a name, email or phone is required' }]);
      const id = ++cleartalkSeq;
      const contact: Json = {
        listName: '',
        tag: '',
        firstName: '',
        lastName: '',
        email: '',
        phone: '',
        dateOfBirth: '',
        contactSource: '',
        clearTalkNotes: '',
        customField: {},
        ...input,
        id,
        userId: 7,
        createdAt: now(),
        updatedAt: now(),
      };
      store.set(String(id), contact);
      return [201, contact];
    }
    const match = /^\/contacts\/([^/]+)$/.exec(path);
    if (match) {
      const existing = store.get(decodeURIComponent(match[1] ?? ''));
      if (!existing) throw new HttpError(404, { message: 'Contact not found', error: 'Not Found', statusCode: 404 });
      if (method === 'GET') return [200, existing];
      if (method === 'PATCH') {
        const updated = { ...existing, ...parse(ctBody, body, invalid), updatedAt: now() };
        store.set(String(existing.id), updated);
        return [200, updated];
      }
    }
    throw new HttpError(404, { message: `Cannot ${method} ${path}`, error: 'Not Found', statusCode: 404 });
  }

  function routera(
    method: string,
    path: string,
    query: URLSearchParams,
    headers: IncomingMessage['headers'],
    raw: string,
    body: unknown,
  ): [number, Json] {
    if (method === 'POST' && path === '/oauth2/token') {
      if (!String(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
        throw new HttpError(400, {
          error: 'invalid_request',
          error_description: 'Use application/x-www-form-urlencoded',
        });
      }
      const form = new URLSearchParams(raw);
      if (form.get('grant_type') !== 'client_credentials')
        throw new HttpError(400, {
          error: 'unsupported_grant_type',
          error_description: 'grant_type must be client_credentials',
        });
      const id = form.get('client_id');
      const secret = form.get('client_secret');
      const orphan = id === MOCK_KEYS.routeraOrphan.clientId && secret === MOCK_KEYS.routeraOrphan.clientSecret;
      if (!orphan && (id !== MOCK_KEYS.routera.clientId || secret !== MOCK_KEYS.routera.clientSecret)) {
        throw new HttpError(401, { error: 'invalid_client', error_description: 'Client authentication failed' });
      }
      const token = `rt_at_${randomUUID().replace(/-/g, '')}`;
      const ttl = options.tokenTtlSeconds ?? 3600;
      tokens.set(token, { expiresAt: Date.now() + ttl * 1000, orphan });
      return [200, { access_token: token, expires_in: ttl, token_type: 'Bearer' }];
    }
    const bearer = /^Bearer (\S+)$/.exec(String(headers.authorization ?? ''))?.[1];
    const session = bearer ? tokens.get(bearer) : undefined;
    if (!session || session.expiresAt <= Date.now()) throw new HttpError(401, { message: 'Unauthorized', error: true });
    if (session.orphan) throw new HttpError(401, { message: 'Unauthorized: missing account context', error: true });
    const properties = query.get('properties');
    if (properties) {
      const bad = properties.split(',').filter((p) => !RT_PROPERTIES.has(p.trim()));
      if (bad.length > 0) throw new HttpError(400, { message: `Invalid properties: ${bad.join(', ')}`, error: true });
    }
    const store = stores.routera;
    const checkFields = (input: unknown): Record<string, unknown> => {
      if (typeof input !== 'object' || input === null || !('fields' in input))
        throw new HttpError(400, { message: 'Request body must be { "fields": { … } }', error: true });
      const fields = (input as { fields: unknown }).fields;
      if (typeof fields !== 'object' || fields === null || Array.isArray(fields))
        throw new HttpError(400, { message: 'fields must be an object', error: true });
      for (const [key, value] of Object.entries(fields)) {
        if (RT_SYSTEM_READONLY.has(key))
          throw new HttpError(400, { message: `Forbidden system field: ${key}`, error: true });
        if (!RT_FIELDS.has(key))
          throw new HttpError(400, { message: `Validation failed: unknown field ${key}`, error: true });
        if (typeof value !== 'string')
          throw new HttpError(400, { message: `Validation failed: ${key} must be a string`, error: true });
        if (key === 'email' && !z.email().safeParse(value).success)
          throw new HttpError(400, { message: 'Validation failed: email is invalid', error: true });
      }
      return fields as Record<string, unknown>;
    };
    const collides = (fields: Record<string, unknown>, except?: string) =>
      [...store.values()].some(
        (c) =>
          c.id !== except &&
          c.archived === false &&
          ((fields.email && c.email === fields.email) || (fields.external_id && c.external_id === fields.external_id)),
      );
    const flat = (c: Json) => ({ ...c, ...(c.archived === false ? {} : { archived_by: 'admin@routera.io' }) });
    if (method === 'POST' && path === '/contacts') {
      const fields = checkFields(body);
      if (!fields.email && !fields.first_name && !fields.last_name)
        throw new HttpError(400, {
          message: 'Validation failed: one of email, first_name, last_name is required',
          error: true,
        });
      if (collides(fields))
        throw new HttpError(409, { message: 'Duplicate active record (unique key collision)', error: true });
      const contact: Json = {
        id: randomUUID(),
        first_name: null,
        last_name: null,
        email: null,
        contact_owner: 'owner@routera.io',
        external_id: null,
        ...fields,
        archived: false,
        created_at: now(),
        updated_at: now(),
      };
      store.set(String(contact.id), contact);
      return [201, flat(contact)];
    }
    const match = /^\/contacts\/([^/]*)$/.exec(path);
    if (match) {
      const id = decodeURIComponent(match[1] ?? '');
      if (!id) throw new HttpError(400, { message: 'Missing contactId', error: true });
      const existing = store.get(id);
      if (!existing) throw new HttpError(404, { message: 'Object not found', error: true });
      if (method === 'GET') return [200, flat(existing)];
      if (method === 'DELETE') {
        store.set(id, { ...existing, archived: now() });
        return [200, flat(store.get(id) as Json)];
      }
      if (method === 'PATCH') {
        if (existing.archived !== false)
          throw new HttpError(409, { message: 'Object is archived — cannot update', error: true });
        const fields = checkFields(body);
        if (collides(fields, id))
          throw new HttpError(409, { message: 'Duplicate active record (unique key collision)', error: true });
        const updated = { ...existing, ...fields, updated_at: now() };
        store.set(id, updated);
        return [200, flat(updated)];
      }
    }
    throw new HttpError(404, { message: `No route ${method} ${path}`, error: true });
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://mock');
    const [, provider = '', ...rest] = url.pathname.split('/');
    const path = `/${rest.join('/')}`;
    const method = req.method ?? 'GET';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');

    if (provider === '__control') {
      // For browser tests: faults, records and reset over HTTP.
      res.setHeader('access-control-allow-origin', '*');
      if (method === 'POST' && path === '/faults') faults.add(JSON.parse(raw) as Fault);
      if (method === 'POST' && path === '/random') {
        const { rate, kinds, seed } = JSON.parse(raw) as { rate: number; kinds: Fault['kind'][]; seed?: number };
        faults.randomly(rate, kinds, seed);
      }
      if (method === 'POST' && path === '/reset') reset();
      const records = path.startsWith('/records/')
        ? [...(stores[path.slice(9) as ProviderName]?.values() ?? [])]
        : undefined;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(records ?? { ok: true }));
      return;
    }

    const connection = req.headers.connection;
    // The documented limits count every request that arrives, whatever happens to it next: a copy the browser
    // resent by itself, one that is then dropped or faulted, and one with a wrong key all use up the window.
    const limit =
      provider === 'openphone'
        ? limited('openphone', 10, 1000)
        : provider === 'vixiees'
          ? (limited('vixiees-burst', 40, 2000) ?? limited('vixiees-minute', 25, 60_000))
          : null;
    if (limit) {
      log.push({ provider, method, path, status: 429, connection });
      const body =
        provider === 'openphone' ? opError(429, 'Rate limit exceeded').body : { message: 'Too many requests' };
      res
        .writeHead(429, { 'content-type': 'application/json', 'retry-after': String(limit) })
        .end(JSON.stringify(body));
      return;
    }
    const fault = faults.take(provider, method, path);
    if (fault?.kind === 'drop-before') {
      log.push({ provider, method, path, status: 'dropped', fault: fault.kind, connection });
      req.socket.destroy();
      return;
    }
    if (fault?.kind === 'redirect') {
      log.push({ provider, method, path, status: 307, fault: fault.kind, connection });
      res.writeHead(307, { location: fault.location ?? 'http://127.0.0.1:9/' }).end();
      return;
    }
    if (fault?.kind === 'echo-credentials') {
      const said = [req.headers.authorization, req.headers['x-api-key'], raw].filter(Boolean).join(' | ');
      log.push({ provider, method, path, status: 403, fault: fault.kind, connection });
      res
        .writeHead(403, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: `credential ${said} is not allowed`, error: 'forbidden', status: 403 }));
      return;
    }
    if (fault?.kind === 'slow' || fault?.kind === 'late-commit')
      await new Promise((r) => setTimeout(r, fault.delayMs ?? (fault.kind === 'slow' ? 3000 : 8000)));
    if (fault?.kind === '429' || fault?.kind === '500' || fault?.kind === '503') {
      const status = Number(fault.kind);
      log.push({ provider, method, path, status, fault: fault.kind, connection });
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (status === 429) headers['retry-after'] = String(fault.retryAfter ?? 1);
      res
        .writeHead(status, headers)
        .end(JSON.stringify({ message: status === 429 ? 'Too many requests' : 'Service unavailable', status }));
      return;
    }

    let status = 500;
    let body: Json = {};
    let headers: Record<string, string> = {};
    try {
      let parsed: unknown = null;
      const isForm = String(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');
      if (raw !== '' && !isForm) {
        try {
          parsed = JSON.parse(raw);
        } catch {
          throw provider === 'openphone'
            ? opError(400, 'Invalid JSON')
            : new HttpError(400, { message: 'Invalid JSON', error: true });
        }
      }
      if (raw !== '' && !isForm && !String(req.headers['content-type'] ?? '').startsWith('application/json')) {
        throw new HttpError(415, { message: 'Content-Type must be application/json' });
      }
      if (provider === 'openphone') [status, body] = openphone(method, path, url.searchParams, req.headers, parsed);
      else if (provider === 'vixiees') [status, body] = vixiees(method, path, req.headers, parsed);
      else if (provider === 'cleartalk') [status, body] = cleartalk(method, path, req.headers, parsed);
      else if (provider === 'routera')
        [status, body] = routera(method, path, url.searchParams, req.headers, raw, parsed);
      else throw new HttpError(404, { message: 'unknown provider' });
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      status = error.status;
      body = error.body;
      headers = error.headers;
    }
    if (fault?.kind === 'commit-500' && status < 300) {
      log.push({ provider, method, path, status: 500, fault: fault.kind, connection });
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: 'Internal error', status: 500 }));
      return;
    }
    if (fault?.kind === 'commit-drop') {
      // The write is committed and the connection closes before any byte of the answer: on a reused keep-alive
      // connection the browser sends the request again by itself, and the extension sees only that copy's answer.
      log.push({ provider, method, path, status: 'dropped', fault: fault.kind, connection });
      req.socket.destroy();
      return;
    }
    log.push({ provider, method, path, status, ...(fault ? { fault: fault.kind } : {}), connection });
    if (fault?.kind === 'drop-after') {
      // The write is committed; the answer is cut off after its head. (With no byte of an answer on a reused
      // keep-alive connection, Chromium itself silently sends the POST again — a fault no extension can see.)
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(text.length + 64) });
      res.write(text.slice(0, 1));
      res.flushHeaders();
      setTimeout(() => req.socket.destroy(), 20);
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  });

  function reset(): void {
    for (const store of Object.values(stores)) store.clear();
    tokens.clear();
    windows.clear();
    faults.clear();
    log.length = 0;
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('mock server has no port');
  const url = `http://127.0.0.1:${address.port}`;
  const close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return {
    url,
    baseUrl: (provider) => `${url}/${provider}`,
    records: (provider) => [...stores[provider].values()],
    faults,
    log,
    reset,
    down: close,
    up: () => new Promise<void>((resolve) => server.listen(address.port, '127.0.0.1', resolve)),
    close,
  };
}
