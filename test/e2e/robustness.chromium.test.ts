import { createServer } from 'node:http';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { serveFolder } from '../../scripts/common/serve.mjs';
import { MOCK_KEYS, type MockProviders, startMockProviders } from '../mock-providers/server';
import { launchWithExtension } from '../support/chromium';

// Issue 15: each break the attack on the built extension found, made again in Chromium through Settings and the
// popup, as a person (or a hostile server, or corrupted storage) would cause it.
declare const chrome: {
  runtime: { sendMessage: (message: unknown) => Promise<unknown> };
  storage: {
    local: {
      get: (key: string) => Promise<Record<string, unknown>>;
      set: (items: Record<string, unknown>) => Promise<void>;
      clear: () => Promise<void>;
    };
  };
};

let context: BrowserContext;
let extensionId: string;
let mock: MockProviders;
let site: Awaited<ReturnType<typeof serveFolder>>;
let ext: Page;

const message = <T = unknown>(payload: unknown) =>
  ext.evaluate((m) => chrome.runtime.sendMessage(m), payload) as Promise<{ ok: boolean; value: T; error?: string }>;
const setStored = (items: Record<string, unknown>) => ext.evaluate((i) => chrome.storage.local.set(i), items);

async function openOptions(): Promise<Page> {
  const page = await context.newPage();
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(`chrome-extension://${extensionId}/options.html`);
  return page;
}

async function openPopup(): Promise<Page> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=team.html`);
  await popup.getByRole('group', { name: /People on this page/ }).waitFor();
  return popup;
}

const connectOpenPhone = (apiKey: string = MOCK_KEYS.openphone) =>
  message({ type: 'accounts.set', providerId: 'openphone', account: { baseUrl: mock.baseUrl('openphone'), apiKey } });

beforeAll(async () => {
  mock = await startMockProviders();
  site = await serveFolder('demo');
  ({ context, extensionId } = await launchWithExtension());
  const lead = await context.newPage();
  await lead.goto(`${site.origin}/team.html`);
  ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/options.html`);
});

afterAll(async () => {
  await context?.close();
  await site?.close();
  await mock?.close();
});

beforeEach(async () => {
  mock.reset();
  await ext.evaluate(() => chrome.storage.local.clear());
});

describe('corrupted storage (issue 15, 2)', () => {
  it('Settings loads, says what was set aside, and saving and sending work again', async () => {
    const good = {
      id: 'o-good',
      providerId: 'openphone',
      action: 'create',
      remoteId: null,
      externalId: 'ctc-e-good',
      values: {},
      person: { name: 'Stored Person', emails: ['stored@person.example'], phones: [] },
      createdAt: '2026-11-30T10:00:00.000Z',
      attempts: 3,
      nextAttemptAt: Date.now() + 3_600_000,
      sentAt: null,
      state: 'failed',
      lastError: 'kept for the test',
    };
    await setStored({
      outbox: [good, { ...good, id: 'o-far', nextAttemptAt: 1e20 }, 'garbage'],
      history: 42,
      addressBook: {},
      settings: { region: 'usa', lastProvider: 'openphone' },
    });
    const options = await openOptions();
    const alert = options.getByRole('alert', { name: 'Unreadable saved data' });
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(
      /^5 saved item\(s\) could not be read \(sends waiting, send history, address book, settings\)/,
    );
    // Every section finishes loading (it may take a moment after the notice on a busy machine).
    await expect
      .poll(() => options.getByRole('status').filter({ hasText: 'Loading' }).count(), { timeout: 10_000 })
      .toBe(0);
    // The readable send is kept and shown.
    await options.getByRole('row', { name: /Stored Person/ }).waitFor();

    // A save to the address book from the popup works, and the book lists it.
    const popup = await openPopup();
    await popup.getByLabel('Send to').selectOption('local');
    await popup.getByRole('button', { name: /Save to (the )?address book/i }).click();
    await expect.poll(() => popup.getByRole('status').textContent()).toMatch(/Saved|address book/);
    await options.getByRole('row', { name: /Jane Q\. Doe/ }).waitFor();
    await popup.close();

    // With the history unreadable, a create reaches OpenPhone once, and a second try adds nothing.
    await setStored({ history: 'garbage' });
    expect((await connectOpenPhone()).ok).toBe(true);
    const contact = {
      firstName: 'Corrupt',
      lastName: 'History',
      emails: ['corrupt.history@example.com'],
      phones: [],
      company: '',
      title: '',
      website: '',
      notes: '',
    };
    const values = {
      firstName: 'Corrupt',
      lastName: 'History',
      company: '',
      role: '',
      emails: [{ name: 'work', value: 'corrupt.history@example.com' }],
      phoneNumbers: [],
      customFields: [],
      source: 'capture-to-crm',
      sourceUrl: '',
      externalId: 'ctc-e-corrupt-history',
    };
    for (let i = 0; i < 2; i++) {
      const reply = await message<Array<{ state: string }>>({
        type: 'outbox.send',
        providerId: 'openphone',
        sends: [{ action: 'create', remoteId: null, contact, values }],
      });
      expect(reply.ok).toBe(true);
      expect(reply.value[0]?.state).toBe('delivered');
    }
    expect(mock.records('openphone').filter((r) => JSON.stringify(r).includes('corrupt.history'))).toHaveLength(1);
    await options.close();
  });
});

describe('long page addresses (issue 15, 6)', () => {
  it('a page URL of 9,000 characters is captured, and a bulk save keeps every contact with the address shortened', async () => {
    const lead = await context.newPage();
    await lead.goto(`${site.origin}/team.html?longurl=1&utm=${'x'.repeat(9000)}`);
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=longurl`);
    await popup.getByRole('group', { name: /People on this page/ }).waitFor();
    await popup.getByLabel('Send to').selectOption('local');
    for (const name of ['Ana García Márquez', 'Lukas Meyer'])
      await popup.getByRole('checkbox', { name: `Include ${name} in a bulk send` }).check();
    await popup.getByRole('button', { name: 'Save 2 ticked to address book' }).click();
    const outcomes = popup.getByRole('list', { name: 'Outcome per contact' }).getByRole('listitem');
    await expect
      .poll(() => outcomes.allTextContents())
      .toEqual([
        expect.stringMatching(/^Saved Ana García Márquez to /),
        expect.stringMatching(/^Saved Lukas Meyer to /),
      ]);
    const book = (await ext.evaluate(
      async () => (await chrome.storage.local.get('addressBook')).addressBook,
    )) as Array<{
      website: string;
    }>;
    expect(book.map((c) => c.website)).toEqual([`${site.origin}/team.html`, `${site.origin}/team.html`]);
    await popup.close();
    await lead.close();
  });
});

describe('keys (issue 15, 1)', () => {
  it('a key pasted as "Bearer …" in quotes is never shown, even when the server echoes the cleaned key', async () => {
    expect((await connectOpenPhone(`"Bearer ${MOCK_KEYS.openphone}"`)).ok).toBe(true);
    // The server repeats the credential it received in its error: first to Test connection, then to a send.
    mock.faults.add({ kind: 'echo-credentials', provider: 'openphone', path: '/v1/contact-custom-fields', count: 1 });
    const options = await openOptions();
    const card = options.getByRole('form', { name: 'OpenPhone', exact: true });
    await card.getByRole('button', { name: 'Test OpenPhone connection' }).click();
    await expect.poll(() => card.getByRole('status').textContent()).toMatch(/credential •••• is not allowed/);
    expect(await card.textContent()).toContain(`key ending ${MOCK_KEYS.openphone.slice(-4)}`);
    const popup = await openPopup();
    await popup.getByLabel('Send to').selectOption('openphone');
    await popup.getByRole('radio', { name: 'Tomás Okafor' }).check();
    mock.faults.add({ kind: 'echo-credentials', provider: 'openphone', method: 'POST', count: 1 });
    await popup.getByRole('button', { name: 'Send to OpenPhone' }).click();
    await expect.poll(() => popup.getByRole('status').textContent()).toMatch(/••••/);
    for (const page of [options, popup]) expect(await page.content()).not.toContain(MOCK_KEYS.openphone);
    const stored = await ext.evaluate(async () => JSON.stringify(await chrome.storage.local.get('history')));
    expect(stored).toContain('••••');
    expect(stored).not.toContain(MOCK_KEYS.openphone);
    await popup.close();
    await options.close();
  });
});

describe('provider ids, pasted ids and redirects (issue 15, 3–5)', () => {
  it('refuses prototype keys as provider ids; the popup and Settings stay whole', async () => {
    for (const providerId of ['constructor', '__proto__', 'toString']) {
      const reply = await message({ type: 'accounts.set', providerId, account: { baseUrl: 'https://a.example' } });
      expect(reply.ok).toBe(false);
    }
    const popup = await openPopup();
    const offered = await popup.getByLabel('Send to').locator('option').allTextContents();
    expect(offered.join(' ')).not.toMatch(/constructor|proto|toString/);
    await popup.close();
  });

  it('an update by a pasted id of "." or ".." is refused before anything is sent', async () => {
    expect((await connectOpenPhone()).ok).toBe(true);
    const popup = await openPopup();
    await popup.getByLabel('Send to').selectOption('openphone');
    await popup.getByRole('radio', { name: 'Lukas Meyer' }).check();
    for (const pasted of ['..', '.', 'https://my.openphone.com/contacts/..', '../v1']) {
      await popup.getByRole('radio', { name: 'Update an existing contact' }).check();
      await popup.getByLabel('OpenPhone id or link').fill(pasted);
      await popup.getByRole('button', { name: 'Update in OpenPhone' }).click();
      await expect.poll(() => popup.getByRole('status').textContent()).toMatch(/not an OpenPhone contact id|Paste/);
    }
    expect(mock.log.filter((l) => l.method === 'PATCH')).toEqual([]);
    await popup.close();
  });

  it('a 307 to another origin is not followed: that origin never receives the key', async () => {
    const seen: string[] = [];
    const elsewhere = createServer((req, res) => {
      seen.push(JSON.stringify(req.headers));
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}');
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
    const port = (elsewhere.address() as { port: number }).port;
    expect((await connectOpenPhone()).ok).toBe(true);
    mock.faults.add({ kind: 'redirect', provider: 'openphone', location: `http://127.0.0.1:${port}/steal`, count: 5 });
    const test = await message<{ connected: boolean; message: string }>({
      type: 'provider.test',
      providerId: 'openphone',
    });
    expect(test.value).toMatchObject({ connected: false, message: expect.stringMatching(/redirect.*not followed/) });
    elsewhere.close();
    expect(seen).toEqual([]);
  });
});
