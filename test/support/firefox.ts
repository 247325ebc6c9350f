import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { firefoxPath } from '../../scripts/common/browsers.mjs';
import { GECKO_ID } from '../../wxt.config';

export const FIREFOX_E2E_BUILD = resolve('.output/firefox-mv3-e2e');

/**
 * Debian's firefox-esr over WebDriver BiDi with the test build installed. The extension's internal UUID is fixed
 * up front (a preference), so its pages are at moz-extension://<uuid>/… .
 */
export async function launchFirefox(dir = FIREFOX_E2E_BUILD): Promise<{ browser: Browser; base: string }> {
  const uuid = randomUUID();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: uuid }),
      // Test builds ask for 127.0.0.1: grant what the manifest asks without a prompt.
      'extensions.originControls.grantByDefault': true,
    },
  });
  await browser.installExtension(dir);
  return { browser, base: `moz-extension://${uuid}` };
}

/** Opens an extension page; Firefox never reports its navigation as finished, so wait for content instead. */
export async function openExtensionPage(browser: Browser, url: string, ready: string): Promise<Page> {
  const page = await browser.newPage();
  void page.goto(url).catch(() => undefined);
  // A wait that starts while about:blank is being replaced can be cut by the navigation (a protocol error):
  // wait again, a few times, until the content is there.
  const deadline = Date.now() + 30_000;
  for (let attempt = 0; ; attempt++) {
    try {
      await page.waitForSelector(ready, { timeout: Math.max(1000, deadline - Date.now()) });
      return page;
    } catch (error) {
      // The cut shows only in the error's cause ("Protocol error (script.evaluate)"): any failure before the
      // deadline is worth one more wait; a page that never shows its content still fails at the deadline.
      if (attempt >= 4 || Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/**
 * Finds a control as a person would: by its label, or by its role and accessible name (its aria-label or text).
 * Puppeteer's ARIA queries need the Chrome protocol; over WebDriver BiDi the page answers these itself.
 */
export async function byLabel(page: Page, label: string) {
  const handle = await page.waitForFunction(
    (text) => {
      const found = [...document.querySelectorAll('label')].find(
        (l) => (l.textContent ?? '').replace(/\s+/g, ' ').trim() === text,
      );
      return found?.control ?? document.querySelector(`[aria-label="${CSS.escape(text)}"]`) ?? null;
    },
    { timeout: 15_000 },
    label,
  );
  return handle.asElement() as ElementHandle<Element>;
}

export async function byRole(page: Page, role: 'button' | 'radio' | 'row' | 'status', name: string | RegExp) {
  const pattern = typeof name === 'string' ? `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$` : name.source;
  const handle = await page.waitForFunction(
    (r, source) => {
      const selector = {
        button: 'button',
        radio: 'input[type=radio]',
        row: 'tr',
        status: '[role=status],output',
      }[r as 'button'];
      const nameOf = (el: Element) =>
        (el.getAttribute('aria-label') ?? el.textContent ?? '').replace(/\s+/g, ' ').trim();
      return [...document.querySelectorAll(selector)].find((el) => new RegExp(source).test(nameOf(el))) ?? null;
    },
    { timeout: 15_000 },
    role,
    pattern,
  );
  return handle.asElement() as ElementHandle<Element>;
}
