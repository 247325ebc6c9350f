import { resolve } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../../scripts/common/browsers.mjs';

// E2E_CHROME_DIR: another build to run the same tests on (e.g. one with a defence taken out, to see a test fail).
export const E2E_BUILD = resolve(process.env.E2E_CHROME_DIR ?? '.output/chrome-mv3-e2e');

/** Debian Chromium with the test build of the extension loaded; the id is read from its service worker. */
export async function launchWithExtension(
  dir = E2E_BUILD,
  lang = 'en-US',
): Promise<{ context: BrowserContext; extensionId: string }> {
  const context = await chromium.launchPersistentContext('', {
    executablePath: chromiumPath(),
    headless: true,
    locale: lang,
    // On Linux the browser's own language (which extensions get) comes from the environment, not --lang.
    env: { ...process.env, LANGUAGE: lang.replace('-', '_'), LANG: `${lang.replace('-', '_')}.UTF-8` },
    args: [...CHROMIUM_ARGS, `--lang=${lang}`, `--disable-extensions-except=${dir}`, `--load-extension=${dir}`],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  return { context, extensionId };
}
