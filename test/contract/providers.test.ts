import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type ContactInput, candidateToContact } from '../../lib/contact';
import { finishCapture } from '../../lib/extract/extension/finish';
import { extractPage } from '../../lib/extract/page';
import { type ActionResult, NetworkError, perform, TokenCache, type Transport } from '../../lib/providers/client';
import { externalIdFor } from '../../lib/providers/external-id';
import { getProvider, remoteProviders } from '../../lib/providers/index';
import type { Credentials, Provider } from '../../lib/providers/types';
import { parsePage } from '../../scripts/common/dom';
import { MOCK_KEYS, MOCKED, type MockProviders, type ProviderName, startMockProviders } from '../mock-providers/server';

let mock: MockProviders;
const transport: Transport = { fetch: (url, init) => fetch(url, init), timeoutMs: 2000 };
const CREDENTIALS: Record<ProviderName, Credentials> = {
  openphone: { apiKey: MOCK_KEYS.openphone },
  vixiees: { apiKey: MOCK_KEYS.vixiees },
  cleartalk: { apiKey: MOCK_KEYS.cleartalk },
  routera: MOCK_KEYS.routera,
};

/** The demo page's people, captured by the real extraction, as the contacts the form would send. */
async function capturedContacts(): Promise<ContactInput[]> {
  const page = parsePage(readFileSync('demo/team.html', 'utf8'), 'https://northwind-robotics.com/team');
  const result = finishCapture(extractPage(page.document));
  await page.close();
  return result.candidates.filter((c) => c.name).map((c) => candidateToContact(c, result.url));
}

function run(
  provider: Provider,
  action: 'create' | 'update' | 'lookup',
  contact: ContactInput,
  options: { id?: string; credentials?: Credentials; tokens?: TokenCache } = {},
): Promise<ActionResult> {
  const externalId = externalIdFor(contact);
  const values = provider.schema.parse(provider.fromContact(contact, externalId));
  const base = {
    baseUrl: mock.baseUrl(provider.id as ProviderName),
    credentials: options.credentials ?? CREDENTIALS[provider.id as ProviderName],
  };
  const tokens = options.tokens ?? new TokenCache();
  if (action === 'lookup' && provider.lookup && provider.readLookup) {
    return perform(
      provider,
      (ctx) => provider.lookup?.(externalId, ctx) as never,
      base,
      transport,
      tokens,
      provider.readLookup,
    );
  }
  return perform(
    provider,
    (ctx) => (action === 'create' ? provider.create(values, ctx) : provider.update(options.id ?? '', values, ctx)),
    base,
    transport,
    tokens,
  );
}

beforeAll(async () => {
  mock = await startMockProviders();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => mock.reset());

it('every provider the extension can send to has a strict mock here, and the mock nothing else', () => {
  expect([...MOCKED].sort()).toEqual(
    remoteProviders()
      .map((p) => p.id)
      .sort(),
  );
});

describe.each(MOCKED)('%s against its mock', (id) => {
  const provider = getProvider(id) as Provider;

  it('creates a captured contact, finds it again and updates it', async () => {
    const [jane] = await capturedContacts();
    if (!jane) throw new Error('the demo page gave no named contact');
    const created = await run(provider, 'create', jane);
    expect(created).toMatchObject({ ok: true, status: 201 });
    const remoteId = created.ok ? created.remoteId : null;
    expect(remoteId).toBeTruthy();
    expect(mock.records(id)).toHaveLength(1);

    if (provider.lookup) {
      const found = await run(provider, 'lookup', jane);
      expect(found).toMatchObject({ ok: true, remoteId });
    }

    const updated = await run(provider, 'update', { ...jane, firstName: 'Janet' }, { id: remoteId ?? '' });
    expect(updated).toMatchObject({ ok: true, status: 200, remoteId });
    expect(mock.records(id)).toHaveLength(1);
    expect(JSON.stringify(mock.records(id)[0])).toContain('Janet');
  });

  it('says the credentials were refused, and where to fix them', async () => {
    const [jane] = await capturedContacts();
    const wrong: Credentials = id === 'routera' ? { clientId: 'nope', clientSecret: 'nope' } : { apiKey: 'wrong-key' };
    const result = await run(provider, 'create', jane as ContactInput, { credentials: wrong });
    expect(result).toMatchObject({ ok: false, error: { kind: 'auth', retryable: false } });
    if (!result.ok) expect(result.error.message).toMatch(/Settings/);
  });

  it('says an update target is gone', async () => {
    const [jane] = await capturedContacts();
    const result = await run(provider, 'update', jane as ContactInput, { id: 'does-not-exist' });
    expect(result).toMatchObject({ ok: false, error: { kind: 'not-found', status: 404, retryable: false } });
  });

  it('asks to retry on 429 with the server’s Retry-After, and on 5xx', async () => {
    const [jane] = await capturedContacts();
    mock.faults.add({ kind: '429', provider: id, method: 'POST', count: 1, retryAfter: 7 });
    const limited = await run(provider, 'create', jane as ContactInput);
    expect(limited).toMatchObject({ ok: false, error: { kind: 'rate-limit', retryable: true }, retryAfterMs: 7000 });
    mock.faults.add({ kind: '503', provider: id, method: 'POST', count: 1 });
    expect(await run(provider, 'create', jane as ContactInput)).toMatchObject({
      ok: false,
      error: { kind: 'server', retryable: true },
    });
    expect(mock.records(id)).toHaveLength(0);
  });

  it('reports a connection dropped after the write as an unknown outcome', async () => {
    const [jane] = await capturedContacts();
    const path = id === 'openphone' ? '/v1/contacts' : '/contacts';
    mock.faults.add({ kind: 'drop-after', provider: id, method: 'POST', path, count: 1 });
    const error = await run(provider, 'create', jane as ContactInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).outcomeUnknown).toBe(true);
    expect(mock.records(id)).toHaveLength(1);
  });

  it('gives up on a slow answer after the timeout', async () => {
    const [jane] = await capturedContacts();
    mock.faults.add({ kind: 'slow', provider: id, method: 'POST', count: 1, delayMs: 3000 });
    const started = Date.now();
    const error = await run(provider, 'create', jane as ContactInput).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect(Date.now() - started).toBeLessThan(2900);
  });
});

describe('provider specifics', () => {
  it('OpenPhone: a pasted "Bearer " key is cleaned, not refused', async () => {
    const [jane] = await capturedContacts();
    const result = await run(getProvider('openphone') as Provider, 'create', jane as ContactInput, {
      credentials: { apiKey: ` Bearer ${MOCK_KEYS.openphone} ` },
    });
    expect(result).toMatchObject({ ok: true, status: 201 });
  });

  it('OpenPhone: a validation error names the field', async () => {
    const provider = getProvider('openphone') as Provider;
    const result = await perform(
      provider,
      (ctx) => ({
        method: 'POST',
        url: `${ctx.baseUrl}/v1/contacts`,
        headers: { Authorization: MOCK_KEYS.openphone, 'Content-Type': 'application/json' },
        body: JSON.stringify({ defaultFields: { firstName: 'A', emails: [{ name: 'work', value: 'nope' }] } }),
      }),
      { baseUrl: mock.baseUrl('openphone'), credentials: CREDENTIALS.openphone },
      transport,
      new TokenCache(),
    );
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'validation', message: /defaultFields\.emails\.0\.value/ },
    });
  });

  it('Vixiees: updates by our external reference id', async () => {
    const provider = getProvider('vixiees') as Provider;
    const [jane] = await capturedContacts();
    await run(provider, 'create', jane as ContactInput);
    const result = await run(
      provider,
      'update',
      { ...(jane as ContactInput), company: 'Northwind GmbH' },
      { id: externalIdFor(jane as ContactInput) },
    );
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(mock.records('vixiees')[0]).toMatchObject({ company_name: 'Northwind GmbH' });
  });

  it('Routera: caches the token, renews it on 401, and tells the two 409s apart', async () => {
    const provider = getProvider('routera') as Provider;
    const [jane, ana] = await capturedContacts();
    const tokens = new TokenCache();
    const created = await run(provider, 'create', jane as ContactInput, { tokens });
    expect(created.ok).toBe(true);
    expect(mock.log.filter((l) => l.path === '/oauth2/token')).toHaveLength(1);
    await run(provider, 'create', ana as ContactInput, { tokens });
    expect(mock.log.filter((l) => l.path === '/oauth2/token')).toHaveLength(1);

    // A token the server no longer honours: a 401, then a new token, then the request again.
    tokens.set(`routera|${mock.baseUrl('routera')}|${MOCK_KEYS.routera.clientId}`, 'rt_at_expired', 3600, Date.now());
    const duplicate = await run(provider, 'create', jane as ContactInput, { tokens });
    expect(duplicate).toMatchObject({ ok: false, error: { kind: 'duplicate', status: 409 } });
    expect(mock.log.filter((l) => l.path === '/oauth2/token').length).toBeGreaterThanOrEqual(2);

    const id = created.ok ? (created.remoteId as string) : '';
    const token = (await (
      await fetch(`${mock.baseUrl('routera')}/oauth2/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `grant_type=client_credentials&client_id=${MOCK_KEYS.routera.clientId}&client_secret=${MOCK_KEYS.routera.clientSecret}`,
      })
    ).json()) as { access_token: string };
    await fetch(`${mock.baseUrl('routera')}/contacts/${id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token.access_token}` },
    });
    const archived = await run(provider, 'update', jane as ContactInput, { id, tokens });
    expect(archived).toMatchObject({ ok: false, error: { kind: 'archived', status: 409, message: /archived/ } });
  });

  it('Routera: a client without an account gets its own message', async () => {
    const [jane] = await capturedContacts();
    const result = await run(getProvider('routera') as Provider, 'create', jane as ContactInput, {
      credentials: MOCK_KEYS.routeraOrphan,
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'auth', message: /no account/ } });
  });
});

describe('OpenPhone custom fields', () => {
  it('reads the definitions and sends values by key', async () => {
    const { openPhoneCustomFields } = await import('../../lib/providers/openphone');
    const base = { baseUrl: mock.baseUrl('openphone'), credentials: CREDENTIALS.openphone };
    const fieldsResponse = await perform(
      getProvider('openphone') as Provider,
      openPhoneCustomFields.request,
      base,
      transport,
      new TokenCache(),
      (b) => JSON.stringify(openPhoneCustomFields.read(b)),
    );
    const definitions = fieldsResponse.ok ? JSON.parse(fieldsResponse.remoteId ?? 'null') : null;
    expect(definitions).toEqual([
      { name: 'Inbound Lead', key: 'inbound-lead', type: 'multi-select' },
      { name: 'Deal size', key: 'deal-size', type: 'number' },
    ]);
    const provider = getProvider('openphone') as Provider;
    const [jane] = await capturedContacts();
    const values = {
      ...provider.fromContact(jane as ContactInput, 'x-1'),
      customFields: [{ key: 'deal-size', value: 12000 }],
    };
    const created = await perform(
      provider,
      (ctx) => provider.create(provider.schema.parse(values), ctx),
      base,
      transport,
      new TokenCache(),
    );
    expect(created.ok).toBe(true);
    expect(mock.records('openphone')[0]).toMatchObject({ customFields: [{ key: 'deal-size', value: 12000 }] });
  });
});

describe('secrets in answers', () => {
  it('never shows the key when a server echoes it back in its error', async () => {
    const { createServer } = await import('node:http');
    const key = 'op_live_echoed_secret_4242';
    const server = createServer((req, res) => {
      const sent = String(req.headers.authorization ?? '');
      res
        .writeHead(400, { 'content-type': 'application/json' })
        .end(JSON.stringify({ message: `Invalid request for key ${sent}`, code: '0800400', status: 400 }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    const provider = getProvider('openphone') as Provider;
    const [contact] = await capturedContacts();
    const values = provider.schema.parse(provider.fromContact(contact as ContactInput, 'ctc-e-1'));
    const result = await perform(
      provider,
      (ctx) => provider.create(values, ctx),
      { baseUrl: `http://127.0.0.1:${port}`, credentials: { apiKey: key } },
      transport,
      new TokenCache(),
    );
    server.close();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.message).toContain('••••');
    expect(result.error.message).not.toContain(key);
  });
});

describe('secrets echoed by the strict mock (issue 15, 1)', () => {
  beforeEach(() => mock.reset());

  it.each(['openphone', 'vixiees', 'cleartalk'] as const)(
    '%s: a key pasted in quotes with "Bearer " is masked in the cleaned form the server saw',
    async (id) => {
      const provider = getProvider(id) as Provider;
      const pasted = `  "Bearer ${MOCK_KEYS[id]}" `;
      mock.faults.add({ kind: 'echo-credentials', provider: id, count: 1 });
      const [contact] = await capturedContacts();
      const result = await run(provider, 'create', contact as ContactInput, { credentials: { apiKey: pasted } });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(mock.log.at(-1)).toMatchObject({ status: 403, fault: 'echo-credentials' });
      expect(result.error.message).toContain('••••');
      expect(result.error.message).not.toContain(MOCK_KEYS[id]);
      expect(result.error.message).not.toContain(MOCK_KEYS[id].slice(4));
    },
  );

  it('routera: neither the access token nor the client secret is shown', async () => {
    const provider = getProvider('routera') as Provider;
    const [contact] = await capturedContacts();
    const tokens = new TokenCache();
    mock.faults.add({ kind: 'echo-credentials', provider: 'routera', path: '/contacts', count: 1 });
    const api = await run(provider, 'create', contact as ContactInput, { tokens });
    expect(api.ok).toBe(false);
    const token = tokens.values()[0] as string;
    expect(token.length).toBeGreaterThan(8);
    if (!api.ok) expect(api.error.message).not.toContain(token);
    mock.faults.add({ kind: 'echo-credentials', provider: 'routera', path: '/oauth2/token', count: 1 });
    const grant = await run(provider, 'create', contact as ContactInput);
    expect(grant.ok).toBe(false);
    if (!grant.ok) expect(grant.error.message).not.toContain(MOCK_KEYS.routera.clientSecret);
  });
});

describe('redirects (issue 15, 5)', () => {
  beforeEach(() => mock.reset());

  it.each(MOCKED)('%s: a 307 to another origin is not followed, and that origin receives nothing', async (id) => {
    const { createServer } = await import('node:http');
    const seen: string[] = [];
    const elsewhere = createServer((req, res) => {
      seen.push(JSON.stringify(req.headers));
      res.writeHead(201, { 'content-type': 'application/json' }).end('{"data":{"id":"stolen"}}');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const port = (elsewhere.address() as { port: number }).port;
    mock.faults.add({ kind: 'redirect', provider: id, location: `http://127.0.0.1:${port}/steal`, count: 2 });
    const [contact] = await capturedContacts();
    const result = await run(getProvider(id) as Provider, 'create', contact as ContactInput);
    elsewhere.close();
    expect(seen).toEqual([]);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toMatchObject({ kind: 'redirect', retryable: false });
      expect(result.error.message).toMatch(/redirect( to http:\/\/127\.0\.0\.1:\d+)?; it was not followed/);
    }
  });
});

describe('test connection', () => {
  it.each(MOCKED)('%s: accepted with the right key, explained with a wrong one', async (id) => {
    const { probeConnection } = await import('../../lib/providers/client');
    const provider = getProvider(id) as Provider;
    const right = await probeConnection(
      provider,
      { baseUrl: mock.baseUrl(id), credentials: CREDENTIALS[id] },
      transport,
      new TokenCache(),
    );
    expect(right).toEqual({ connected: true, message: `Connected to ${provider.label}: the key was accepted.` });
    const wrong: Credentials =
      id === 'routera' ? { clientId: 'nope', clientSecret: 'nope' } : { apiKey: 'wrong-key-123' };
    const refused = await probeConnection(
      provider,
      { baseUrl: mock.baseUrl(id), credentials: wrong },
      transport,
      new TokenCache(),
    );
    expect(refused.connected).toBe(false);
    expect(refused.message).toMatch(/refused|check them in Settings|check it in Settings/i);
    const nowhere = await probeConnection(
      provider,
      { baseUrl: 'http://127.0.0.1:9/api', credentials: CREDENTIALS[id] },
      transport,
      new TokenCache(),
    );
    expect(nowhere).toMatchObject({
      connected: false,
      message: expect.stringMatching(/Could not reach|Connection failed/),
    });
  });
});
