import { readFile } from 'node:fs/promises';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFolder } from '../../scripts/common/serve.mjs';
import { launchWithExtension } from '../support/chromium';

let context: BrowserContext;
let extensionId: string;
let site: Awaited<ReturnType<typeof serveFolder>>;

beforeAll(async () => {
  site = await serveFolder('demo');
  ({ context, extensionId } = await launchWithExtension());
  const lead = await context.newPage();
  await lead.goto(`${site.origin}/team.html`);
});

afterAll(async () => {
  await context?.close();
  await site?.close();
});

/** The popup, opened as a page and pointed at the demo tab (the test build's stand-in for a toolbar click). */
async function openPopup(): Promise<Page> {
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=team.html`);
  await popup.getByRole('group', { name: /People on this page/ }).waitFor();
  return popup;
}

describe('capture from the demo page into the local address book (Chromium)', () => {
  it('lists the page’s people with the best one pre-filled', async () => {
    const popup = await openPopup();
    await expect.poll(() => popup.getByRole('radio').count()).toBe(6);
    expect(await popup.getByRole('radio', { name: 'Jane Q. Doe' }).isChecked()).toBe(true);
    expect(await popup.getByLabel('First name').inputValue()).toBe('Jane Q.');
    expect(await popup.getByLabel('Last name').inputValue()).toBe('Doe');
    expect(await popup.getByLabel('Job title').inputValue()).toBe('VP Sales');
    expect(await popup.getByLabel('Email', { exact: true }).inputValue()).toBe('jane.doe@northwind-robotics.com');
    expect(await popup.getByLabel('Phone', { exact: true }).inputValue()).toBe('+1 415 555 0132');
    await popup.close();
  });

  // The worker finishes what the page gave (lib/capture.ts). Whenever it dies — before the popup opens, or again
  // and again while the popup reads the page and asks it — the popup still lists the same people with the same form.
  it.each([
    ['stopped before the popup opens', 1],
    ['stopped every 20 ms while the popup reads the page', 60],
  ])(
    'lists the same people when the worker is %s',
    async (_, stops) => {
      const cdpPage = await context.newPage();
      const cdp = await context.newCDPSession(cdpPage);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      const popup = await context.newPage();
      const opened = popup.goto(`chrome-extension://${extensionId}/popup.html?tab=team.html`);
      for (let i = 1; i < stops; i++) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        await cdp.send('ServiceWorker.stopAllWorkers');
      }
      await opened;
      await popup.getByRole('group', { name: /People on this page/ }).waitFor({ timeout: 30_000 });
      await expect.poll(() => popup.getByRole('radio').count()).toBe(6);
      expect(await popup.getByLabel('Job title').inputValue()).toBe('VP Sales');
      expect(await popup.getByLabel('Phone', { exact: true }).inputValue()).toBe('+1 415 555 0132');
      await cdp.detach();
      await Promise.all([popup.close(), cdpPage.close()]);
    },
    60_000,
  );

  it('keeps what was typed when the popup closes and reopens', async () => {
    const popup = await openPopup();
    await popup.getByRole('radio', { name: 'Lukas Meyer' }).check();
    await popup.getByLabel('Notes').fill('Met at LogiMAT, wants a demo');
    await popup.waitForTimeout(400);
    await popup.close();
    const again = await openPopup();
    await expect.poll(() => again.getByLabel('Notes').inputValue()).toBe('Met at LogiMAT, wants a demo');
    expect(await again.getByRole('radio', { name: 'Lukas Meyer' }).isChecked()).toBe(true);
    expect(await again.getByLabel('Email', { exact: true }).inputValue()).toBe('lukas.meyer@northwind-robotics.com');
    await again.close();
  });

  it('saves an edited contact, lists it on the options page and exports it as CSV and vCard', async () => {
    const popup = await openPopup();
    await popup.getByRole('radio', { name: 'Priya Sharma' }).check();
    expect(await popup.getByLabel('Email', { exact: true }).inputValue()).toBe('priya.sharma@northwind-robotics.com');
    await popup.getByLabel('Job title').fill('VP Customer Success');
    await popup.getByRole('button', { name: 'Save to address book' }).click();
    await expect.poll(() => popup.getByRole('status').textContent()).toBe('Saved Priya Sharma to your address book.');
    await popup.close();

    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const row = options.getByRole('row', { name: /Priya Sharma/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('VP Customer Success');
    expect(await row.textContent()).toContain('+44 20 7946 0958');

    const [csvDownload] = await Promise.all([
      options.waitForEvent('download'),
      options.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(csvDownload.suggestedFilename()).toBe('contacts.csv');
    const csv = await readFile(await csvDownload.path(), 'utf8');
    expect(csv).toContain(
      'Priya,Sharma,Northwind Robotics,VP Customer Success,priya.sharma@northwind-robotics.com,+442079460958',
    );

    const [vcardDownload] = await Promise.all([
      options.waitForEvent('download'),
      options.getByRole('button', { name: 'Export vCard' }).click(),
    ]);
    const vcard = await readFile(await vcardDownload.path(), 'utf8');
    expect(vcard).toContain('FN:Priya Sharma\r\n');
    expect(vcard).toContain('TEL;VALUE=uri;TYPE="work,voice";PREF=1:tel:+442079460958');
    await options.close();
  });

  it('updates rather than duplicates when the same person is saved again', async () => {
    const popup = await openPopup();
    await popup.getByRole('radio', { name: 'Priya Sharma' }).check();
    await popup.getByRole('button', { name: 'Save to address book' }).click();
    await expect
      .poll(() => popup.getByRole('status').textContent())
      .toBe('Priya Sharma was already in your address book: updated.');
    await popup.close();
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByRole('row', { name: /Priya Sharma/ }).waitFor();
    expect(await options.getByRole('row', { name: /Priya Sharma/ }).count()).toBe(1);
    await options.close();
  });
});

describe('screenshots for the README', () => {
  // Written to .output/screenshots on every run; UPDATE_SCREENSHOTS=1 refreshes the committed ones in docs/.
  const folder = process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : '.output/screenshots';

  it.each(['light', 'dark'] as const)('shows the popup and the address book in the %s theme', async (colorScheme) => {
    const popup = await openPopup();
    await popup.emulateMedia({ colorScheme });
    await popup.setViewportSize({ width: 400, height: 640 });
    await popup.screenshot({ path: `${folder}/popup-${colorScheme}.png` });
    await popup.close();
    const options = await context.newPage();
    await options.emulateMedia({ colorScheme });
    await options.setViewportSize({ width: 1100, height: 420 });
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByRole('row', { name: /Priya Sharma/ }).waitFor();
    await options.screenshot({ path: `${folder}/options-${colorScheme}.png`, fullPage: true });
    const background = await options.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe(colorScheme === 'dark' ? 'rgb(21, 24, 28)' : 'rgb(255, 255, 255)');
    await options.close();
  });

  it('finds a contact in the address book by name, company or phone digits', async () => {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    const search = options.getByLabel('Search the address book');
    await search.fill('priya northwind');
    await expect.poll(() => options.getByRole('row', { name: /Priya Sharma/ }).count()).toBe(1);
    await search.fill('2079460958');
    await expect.poll(() => options.getByRole('row', { name: /Priya Sharma/ }).count()).toBe(1);
    await search.fill('nobody-by-that-name');
    await expect.poll(() => options.getByRole('row', { name: /Priya Sharma/ }).count()).toBe(0);
    await options.close();
  });

  it('links the options page to the privacy policy shipped inside the extension', async () => {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByRole('link', { name: /^Privacy/ }).click();
    await options.getByRole('heading', { name: 'Privacy', level: 1 }).waitFor();
    await options.getByRole('heading', { name: 'Where it sends data' }).waitFor();
    await options.getByRole('cell', { name: /Provider accounts/ }).waitFor();
    await options.close();
  });
});

// The context menu's "Capture selection" leaves a note for the popup; the popup then asks the script for the
// selection only (one word with the tab before the script runs), and a later open reads the whole page again.
describe('capture of the selection', () => {
  it('reads only the selected card when asked, and the whole page at the next open', async () => {
    const lead = await context.newPage();
    await lead.goto(`${site.origin}/team.html?selection`);
    await lead.evaluate(() => {
      const card = [...document.querySelectorAll('article')].find((a) => a.textContent?.includes('Priya Sharma'));
      const range = document.createRange();
      range.selectNodeContents(card as Element);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
    });
    const ext = await context.newPage();
    await ext.goto(`chrome-extension://${extensionId}/privacy.html`);
    // What the context menu's handler writes (lib/selection.ts), for the tab it was clicked in.
    await ext.evaluate(`(async () => {
      const tabs = await chrome.tabs.query({});
      const tab = tabs.find((t) => t.url && t.url.includes('team.html?selection'));
      await chrome.storage.session.set({ ['captureSelection:' + tab.id]: true });
    })()`);
    await ext.close();
    const target = encodeURIComponent('team.html?selection');
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${target}`);
    await expect.poll(() => popup.getByLabel('First name').inputValue()).toBe('Priya');
    expect(await popup.getByLabel('Email', { exact: true }).inputValue()).toBe('priya.sharma@northwind-robotics.com');
    expect(await popup.getByRole('radio').count()).toBe(0);
    await popup.close();
    const again = await context.newPage();
    await again.goto(`chrome-extension://${extensionId}/popup.html?tab=${target}`);
    await again.getByRole('group', { name: /People on this page/ }).waitFor();
    expect(await again.getByRole('radio').count()).toBe(6);
    await again.close();
    await lead.close();
  });
});
