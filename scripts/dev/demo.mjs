// npm run demo: builds the extension and opens Chromium with it loaded on the demo lead page.
// Works with the local address book only: no account, no network.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from '../common/browsers.mjs';
import { serveFolder } from '../common/serve.mjs';

const headed = Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY) && !process.env.CI;
// Without a screen nobody can click the toolbar, so the test build (which can aim the popup at a tab) is used.
const mode = headed ? 'production' : 'e2e';
execFileSync('npx', ['wxt', 'build', '--mode', mode], { stdio: 'inherit' });
const extension = resolve(headed ? '.output/chrome-mv3' : '.output/chrome-mv3-e2e');

const site = await serveFolder('demo', Number(process.env.DEMO_PORT ?? 0));
const context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'capture-demo-')), {
  executablePath: chromiumPath(),
  headless: !headed,
  viewport: null,
  args: [...CHROMIUM_ARGS, `--disable-extensions-except=${extension}`, `--load-extension=${extension}`],
});
const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const extensionId = new URL(worker.url()).host;
const lead = context.pages()[0] ?? (await context.newPage());
await lead.goto(`${site.origin}/team.html`);

if (headed) {
  console.log(`\nDemo lead page: ${site.origin}/team.html`);
  console.log('Click the puzzle-piece icon in the toolbar, pin "Capture to CRM", then click its icon to capture.');
  console.log(`Saved contacts: chrome-extension://${extensionId}/options.html`);
  console.log('Close the browser window to stop.\n');
  await new Promise((done) => context.on('close', done));
} else {
  const popup = await context.newPage();
  await popup.setViewportSize({ width: 420, height: 720 });
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=team.html`);
  await popup.getByRole('group', { name: /People on this page/ }).waitFor();
  const people = await popup
    .getByRole('radio')
    .evaluateAll((radios) => radios.map((r) => r.getAttribute('aria-label')));
  await popup.screenshot({ path: '.output/demo-popup.png' });
  console.log(`\nNo display here, so the demo ran headless: the popup found ${people.length} people on the demo page:`);
  for (const name of people) console.log(`  - ${name}`);
  console.log('Screenshot: .output/demo-popup.png. On a desktop, `npm run demo` opens a real browser window.\n');
  await context.close();
}
await site.close();
