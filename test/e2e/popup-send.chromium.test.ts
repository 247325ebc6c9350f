import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFolder } from '../../scripts/common/serve.mjs';
import { MOCK_KEYS, type MockProviders, startMockProviders } from '../mock-providers/server';
import { launchWithExtension } from '../support/chromium';

declare const chrome: { runtime: { sendMessage: (message: unknown) => Promise<unknown> } };

let context: BrowserContext;
let extensionId: string;
let site: Awaited<ReturnType<typeof serveFolder>>;
let mock: MockProviders;

beforeAll(async () => {
  mock = await startMockProviders();
  site = await serveFolder('demo');
  ({ context, extensionId } = await launchWithExtension());
  const lead = await context.newPage();
  await lead.goto(`${site.origin}/team.html`);
  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/options.html`);
  const reply = (await ext.evaluate(
    (account) => chrome.runtime.sendMessage({ type: 'accounts.set', providerId: 'openphone', account }),
    { baseUrl: mock.baseUrl('openphone'), apiKey: MOCK_KEYS.openphone },
  )) as { ok: boolean };
  expect(reply.ok).toBe(true);
  await ext.close();
});

afterAll(async () => {
  await context?.close();
  await site?.close();
  await mock?.close();
});

async function openPopup(): Promise<Page> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=team.html`);
  await popup.getByRole('group', { name: /People on this page/ }).waitFor();
  return popup;
}

const jane = () =>
  mock.records('openphone').filter((r) => JSON.stringify(r).includes('jane.doe@northwind-robotics.com'));

describe('sending from the popup to a provider (Chromium, mock OpenPhone)', () => {
  it('lays the contact out in OpenPhone’s fields, checks them, and sends', async () => {
    const popup = await openPopup();
    await popup.getByLabel('Send to').selectOption('openphone');
    await popup.getByRole('group', { name: 'OpenPhone fields' }).waitFor();
    // "Jane Q.": the initial stays in the first name, and the field says why.
    const first = popup.getByLabel('First name', { exact: true });
    expect(await first.inputValue()).toBe('Jane Q.');
    const help = await first.getAttribute('aria-describedby');
    expect(await popup.locator(`#${help}`).textContent()).toBe(
      'The middle initial stays in the first name: OpenPhone has no middle-name field.',
    );
    expect(await popup.getByLabel('OpenPhone Source', { exact: true }).inputValue()).toBe('capture-to-crm');
    // A source OpenPhone reserves is refused before anything is sent, with OpenPhone's rule.
    await popup.getByLabel('OpenPhone Source', { exact: true }).fill('csv-import');
    await popup.getByRole('button', { name: 'Send to OpenPhone' }).click();
    await expect.poll(() => popup.getByRole('status').textContent()).toMatch(/reserves this source/);
    expect(jane()).toHaveLength(0);
    await popup.getByLabel('OpenPhone Source', { exact: true }).fill('trade-show');
    // The account's own custom fields, read from OpenPhone, each by its type.
    await popup.getByRole('group', { name: 'OpenPhone custom fields' }).waitFor();
    await popup.getByLabel('OpenPhone Deal size').fill('25000');
    await popup.getByLabel('OpenPhone Inbound Lead').fill('Website, Trade show');
    await popup.getByRole('button', { name: 'Send to OpenPhone' }).click();
    await expect.poll(() => popup.getByRole('status').textContent()).toBe('Sent Jane Q. Doe to OpenPhone.');
    expect(jane()).toHaveLength(1);
    expect(jane()[0]).toMatchObject({
      source: 'trade-show',
      defaultFields: { firstName: 'Jane Q.', role: 'VP Sales' },
    });
    await popup.close();
  });

  it('remembers the provider, says the person is already there, and updates rather than duplicates', async () => {
    const popup = await openPopup();
    expect(await popup.getByLabel('Send to').inputValue()).toBe('openphone');
    // The header says where a send goes and how that is going.
    // (A header inside <main> is not a banner landmark: read by its text.)
    await expect.poll(() => popup.locator('header').textContent()).toContain('OpenPhone · connected');
    await popup.getByRole('group', { name: /^In OpenPhone since / }).waitFor();
    expect(await popup.getByRole('radio', { name: 'Update it' }).isChecked()).toBe(true);
    await popup.getByLabel('Job title').fill('Chief Revenue Officer');
    // What the update changes, compared with what we last sent, in OpenPhone's own labels.
    const changes = popup.getByRole('list', { name: /What changes/ });
    await expect.poll(() => changes.textContent()).toContain('Role: — → Chief Revenue Officer');
    expect(await changes.textContent()).not.toContain('First name');
    expect(await popup.getByRole('radio', { name: 'Only fill empty fields' }).isChecked()).toBe(true);
    await popup.getByRole('button', { name: 'Update in OpenPhone' }).click();
    await expect.poll(() => popup.getByRole('status').textContent()).toBe('Updated Jane Q. Doe in OpenPhone.');
    expect(jane()).toHaveLength(1);
    expect(jane()[0]).toMatchObject({ defaultFields: { role: 'Chief Revenue Officer' } });
    await popup.close();
  });

  it('sends several ticked people in one go, each with its own outcome', async () => {
    const popup = await openPopup();
    for (const name of ['Ana García Márquez', 'Priya Sharma', 'Lukas Meyer']) {
      await popup.getByRole('checkbox', { name: `Include ${name} in a bulk send` }).check();
    }
    await popup.getByRole('button', { name: 'Send 3 ticked to OpenPhone' }).click();
    const outcomes = popup.getByRole('list', { name: 'Outcome per contact' }).getByRole('listitem');
    await expect.poll(() => outcomes.count()).toBe(3);
    expect(await outcomes.allTextContents()).toEqual([
      'Sent Ana García Márquez to OpenPhone.',
      'Sent Priya Sharma to OpenPhone.',
      'Sent Lukas Meyer to OpenPhone.',
    ]);
    expect(mock.records('openphone')).toHaveLength(4);
    await popup.close();
  });

  it('learns a bulk send’s outcome from storage when the worker stops before replying, and adds nothing when sent again', async () => {
    // The first create is slow, so the worker is still inside the send when it is stopped: the reply is lost.
    mock.faults.add({ kind: 'slow', provider: 'openphone', method: 'POST', count: 1, delayMs: 2500 });
    const popup = await openPopup();
    const tick = async () => {
      for (const name of ['Jane Q. Doe', 'Tomás Okafor'])
        await popup.getByRole('checkbox', { name: `Include ${name} in a bulk send` }).check();
      await popup.getByRole('button', { name: 'Send 2 ticked to OpenPhone' }).click();
    };
    await tick();
    await expect
      .poll(() =>
        popup.evaluate(async () => {
          const { outbox } = await (
            globalThis as unknown as {
              chrome: {
                storage: { local: { get: (k: string) => Promise<{ outbox?: Array<{ sentAt: number | null }> }> } };
              };
            }
          ).chrome.storage.local.get('outbox');
          return (outbox ?? []).some((i) => i.sentAt !== null);
        }),
      )
      .toBe(true);
    const cdp = await context.newCDPSession(popup);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    await cdp.detach();
    const outcomes = popup.getByRole('list', { name: 'Outcome per contact' }).getByRole('listitem');
    await expect.poll(() => outcomes.count()).toBe(2);
    // Jane was created in the first test: she is not created again. Tomás is waiting, not "not sent".
    expect(await outcomes.nth(0).textContent()).toMatch(
      /^Jane Q\. Doe is already in OpenPhone \(created \d{4}-\d\d-\d\d\)/,
    );
    expect(await outcomes.nth(1).textContent()).toMatch(/^Tomás Okafor: OpenPhone did not answer yet/);
    // Sent again, as an unsure user would: nothing is added, and the outcome arrives from storage.
    await tick();
    await expect
      .poll(() => outcomes.nth(1).textContent(), { timeout: 40_000, interval: 500 })
      .toBe('Sent Tomás Okafor to OpenPhone.');
    const tomas = mock.records('openphone').filter((r) => JSON.stringify(r).includes('Okafor'));
    expect(tomas).toHaveLength(1);
    await popup.close();
  }, 60_000);

  it('closes on Escape', async () => {
    const popup = await openPopup();
    // The page closes while the key is still being pressed.
    await Promise.all([popup.waitForEvent('close'), popup.keyboard.press('Escape').catch(() => undefined)]);
    expect(popup.isClosed()).toBe(true);
  });

  it('sends Routera fields by the account’s internal names, checked before sending', async () => {
    const ext = await context.newPage();
    await ext.goto(`chrome-extension://${extensionId}/options.html`);
    await ext.evaluate(
      (account) => chrome.runtime.sendMessage({ type: 'accounts.set', providerId: 'routera', account }),
      { baseUrl: mock.baseUrl('routera'), ...MOCK_KEYS.routera },
    );
    await ext.close();
    const popup = await openPopup();
    await popup.getByRole('radio', { name: 'Tomás Okafor' }).check();
    await popup.getByLabel('Send to').selectOption('routera');
    const named = popup.getByRole('group', { name: 'Routera custom fields' });
    expect(await named.getByLabel('Internal name 2').inputValue()).toBe('job_title');
    await named.getByLabel('Value 2').fill('Head of Marketing');
    await named.getByRole('button', { name: 'Add field' }).click();
    await named.getByLabel('Internal name 3').fill('Lead Source');
    await popup.getByRole('button', { name: 'Send to Routera' }).click();
    await expect.poll(() => popup.getByRole('status').textContent()).toMatch(/lower_case_with_underscores/);
    expect(mock.records('routera')).toHaveLength(0);
    await named.getByRole('button', { name: 'Remove Lead Source' }).click();
    await popup.getByRole('button', { name: 'Send to Routera' }).click();
    await expect.poll(() => popup.getByRole('status').textContent()).toBe('Sent Tomás Okafor to Routera.');
    expect(mock.records('routera')).toEqual([
      expect.objectContaining({ first_name: 'Tomás', job_title: 'Head of Marketing', company: 'Northwind Robotics' }),
    ]);
    await popup.close();
  });
  // Issue 17: a list that reads at a glance, Select all / Select none with a count, Enter sends the ticked.
  it('reads each row at a glance, selects all, and sends every ticked person with Enter, one outcome each', async () => {
    const popup = await openPopup();
    await popup.getByLabel('Send to').selectOption('openphone');
    const list = popup.getByRole('group', { name: /People on this page/ });
    await list.getByText('0 of 6 ticked').waitFor();
    // A row: the name, title · company, and the channels (read out as counts).
    const priya = popup.locator('li', { has: popup.getByRole('radio', { name: 'Priya Sharma' }) });
    expect(await priya.textContent()).toMatch(/Customer Success Lead[^·]* · Northwind Robotics/);
    expect(await priya.textContent()).toContain('1 e-mail(s), 1 phone(s)');
    // Where the picked person's details came from, and when the page was read.
    expect(await popup.locator('.provenance').textContent()).toMatch(/^Found on 127\.0\.0\.1:\d+ in .+, read at \d/);
    // The organisation's own entry is marked as one.
    expect(await popup.locator('li.org').getByText('Organisation').count()).toBe(1);
    await list.getByRole('button', { name: 'Select all' }).click();
    await list.getByText('6 of 6 ticked').waitFor();
    expect(await popup.getByRole('checkbox', { checked: true }).count()).toBe(6);
    await list.getByRole('button', { name: 'Select none' }).click();
    await list.getByText('0 of 6 ticked').waitFor();
    await list.getByRole('button', { name: 'Select all' }).click();
    await popup.getByRole('checkbox', { name: 'Include Priya Sharma in a bulk send' }).focus();
    await popup.keyboard.press('Enter');
    const outcomes = popup.getByRole('list', { name: 'Outcome per contact' }).getByRole('listitem');
    await expect.poll(() => outcomes.count(), { timeout: 15_000 }).toBe(6);
    const texts = await outcomes.allTextContents();
    for (const name of ['Jane Q. Doe', 'Ana García Márquez', 'Priya Sharma', 'Tomás Okafor', 'Lukas Meyer'])
      expect(texts.some((t) => t.includes(name))).toBe(true);
    // Where they came from went with each: OpenPhone's sourceUrl is the page they were read on.
    const priyaRecord = mock.records('openphone').find((r) => JSON.stringify(r).includes('Priya'));
    expect(priyaRecord?.sourceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
    await popup.close();
    // Opened again: each row says the person is already in OpenPhone, and picking one makes update the default.
    const again = await openPopup();
    const row = again.locator('li', { has: again.getByRole('radio', { name: 'Priya Sharma' }) });
    await expect.poll(() => row.textContent()).toMatch(/In OpenPhone since|Already in OpenPhone/);
    await again.getByRole('radio', { name: 'Priya Sharma' }).check();
    await expect.poll(() => again.getByRole('radio', { name: 'Update it' }).isChecked()).toBe(true);
    await again.close();
    // Our history gone (another browser, a reinstall): the rows are still known, by one lookup in OpenPhone.
    const ext = await context.newPage();
    await ext.goto(`chrome-extension://${extensionId}/privacy.html`);
    await ext.evaluate(`chrome.storage.local.remove('history')`);
    await ext.close();
    const lookupsBefore = mock.log.filter((l) => l.method === 'GET' && l.path === '/v1/contacts').length;
    const third = await openPopup();
    const looked = third.locator('li', { has: third.getByRole('radio', { name: 'Tomás Okafor' }) });
    await expect.poll(() => looked.textContent()).toMatch(/Already in OpenPhone/);
    expect(mock.log.filter((l) => l.method === 'GET' && l.path === '/v1/contacts').length).toBeGreaterThan(
      lookupsBefore,
    );
    await third.close();
  });
});
