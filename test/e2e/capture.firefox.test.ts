import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFolder } from '../../scripts/common/serve.mjs';
import { MOCK_KEYS, type MockProviders, startMockProviders } from '../mock-providers/server';
import { byLabel, byRole, launchFirefox, openExtensionPage } from '../support/firefox';

declare const browser: { runtime: { sendMessage: (message: unknown) => Promise<unknown> } };

let firefox: Browser;
let base: string;
let site: Awaited<ReturnType<typeof serveFolder>>;
let mock: MockProviders;

beforeAll(async () => {
  mock = await startMockProviders();
  site = await serveFolder('demo');
  ({ browser: firefox, base } = await launchFirefox());
  const lead = await firefox.newPage();
  await lead.goto(`${site.origin}/team.html`);
}, 120_000);

afterAll(async () => {
  await firefox?.close();
  await site?.close();
  await mock?.close();
});

const openPopup = () => openExtensionPage(firefox, `${base}/popup.html?tab=team.html`, 'fieldset.candidates');
const inputValue = (handle: Awaited<ReturnType<typeof byLabel>>) =>
  handle.evaluate((el) => (el as HTMLInputElement).value);
const statusText = async (page: Awaited<ReturnType<typeof openPopup>>, pattern: RegExp) =>
  (await byRole(page, 'status', pattern)).evaluate((el) => el.textContent);

describe('the same product in Firefox (firefox-esr, WebDriver BiDi)', () => {
  it('lists the demo page’s people with the best one pre-filled', async () => {
    const popup = await openPopup();
    await byRole(popup, 'radio', 'Lukas Meyer');
    expect(await popup.$$eval('fieldset.candidates input[type=radio]', (r) => r.length)).toBe(6);
    expect(await inputValue(await byLabel(popup, 'First name'))).toBe('Jane Q.');
    expect(await inputValue(await byLabel(popup, 'Job title'))).toBe('VP Sales');
    expect(await inputValue(await byLabel(popup, 'Email'))).toBe('jane.doe@northwind-robotics.com');
    await popup.close();
  }, 60_000);

  it('saves a contact to the local address book and lists it on the options page', async () => {
    const popup = await openPopup();
    await (await byRole(popup, 'radio', 'Priya Sharma')).click();
    const title = await byLabel(popup, 'Job title');
    await title.click({ count: 3 });
    await title.type('VP Customer Success');
    await (await byRole(popup, 'button', 'Save to address book')).click();
    expect(await statusText(popup, /^Saved Priya Sharma/)).toBe('Saved Priya Sharma to your address book.');
    await popup.close();
    const options = await openExtensionPage(firefox, `${base}/options.html`, 'main');
    const row = await byRole(options, 'row', /Priya Sharma.*VP Customer Success/);
    expect(await row.evaluate((el) => el.textContent)).toContain('+44 20 7946 0958');
    await options.close();
  }, 60_000);

  it('sends a contact to a provider (the mock OpenPhone) from the popup', async () => {
    const options = await openExtensionPage(firefox, `${base}/options.html`, 'main');
    const reply = (await options.evaluate(
      (account) => browser.runtime.sendMessage({ type: 'accounts.set', providerId: 'openphone', account }),
      { baseUrl: mock.baseUrl('openphone'), apiKey: MOCK_KEYS.openphone },
    )) as { ok: boolean };
    expect(reply.ok).toBe(true);
    await options.close();
    const popup = await openPopup();
    await (await byLabel(popup, 'Send to')).select('openphone');
    await (await byRole(popup, 'button', 'Send to OpenPhone')).click();
    expect(await statusText(popup, /^Sent /)).toBe('Sent Jane Q. Doe to OpenPhone.');
    expect(
      mock.records('openphone').filter((r) => JSON.stringify(r).includes('jane.doe@northwind-robotics.com')),
    ).toHaveLength(1);
    // Firefox resends on a reused connection too: the session rule makes every request a fresh one here as well.
    const requests = mock.log.filter((l) => l.provider === 'openphone');
    console.log(
      `Firefox: Connection header of ${requests.length} requests: ${requests.map((r) => r.connection).join(', ')}`,
    );
    expect(requests.every((r) => r.connection === 'close')).toBe(true);
    await popup.close();
  }, 60_000);
});
