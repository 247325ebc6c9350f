import axe from 'axe-core';
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

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

beforeAll(async () => {
  mock = await startMockProviders();
  site = await serveFolder('demo');
  ({ context, extensionId } = await launchWithExtension());
  const lead = await context.newPage();
  await lead.goto(`${site.origin}/team.html`);
  const ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/options.html`);
  await ext.evaluate(
    (account) => chrome.runtime.sendMessage({ type: 'accounts.set', providerId: 'vixiees', account }),
    { baseUrl: mock.baseUrl('vixiees'), apiKey: MOCK_KEYS.vixiees },
  );
  await ext.close();
});

afterAll(async () => {
  await context?.close();
  await site?.close();
  await mock?.close();
});

/** axe-core in the page (evaluated over the DevTools protocol, which the pages' strict CSP allows). */
async function audit(page: Page): Promise<Violation[]> {
  await page.evaluate(axe.source);
  const result = (await page.evaluate(() =>
    (globalThis as unknown as { axe: { run: (o: object) => Promise<{ violations: unknown[] }> } }).axe.run({
      resultTypes: ['violations'],
    }),
  )) as { violations: Violation[] };
  return result.violations;
}

const serious = (violations: Violation[]) =>
  violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

describe.each(['light', 'dark'] as const)('accessibility in the %s theme (axe-core)', (colorScheme) => {
  it('the popup, with a provider’s own fields, has no serious violations', async () => {
    const popup = await context.newPage();
    await popup.emulateMedia({ colorScheme });
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=team.html`);
    await popup.getByRole('group', { name: /People on this page/ }).waitFor();
    await popup.getByLabel('Send to').selectOption('vixiees');
    await popup.getByRole('group', { name: 'Vixiees fields' }).waitFor();
    const violations = await audit(popup);
    console.log(`popup (${colorScheme}): ${violations.length} axe findings, ${serious(violations).length} serious`);
    expect(serious(violations)).toEqual([]);
    await popup.close();
  });

  it('the options page has no serious violations', async () => {
    const options = await context.newPage();
    await options.emulateMedia({ colorScheme });
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByRole('heading', { name: 'Accounts' }).waitFor();
    const violations = await audit(options);
    console.log(`options (${colorScheme}): ${violations.length} axe findings, ${serious(violations).length} serious`);
    expect(serious(violations)).toEqual([]);
    await options.close();
  });
});

describe('the type scale', () => {
  /** Every element with its own text, and the computed size of that text, smallest first. */
  async function textSizes(page: Page): Promise<Array<{ what: string; px: number }>> {
    return page.evaluate(() => {
      const out: Array<{ what: string; px: number }> = [];
      for (const el of document.querySelectorAll('body *')) {
        const own = [...el.childNodes].some((n) => n.nodeType === 3 && (n.nodeValue ?? '').trim() !== '');
        const control = el.matches('input:not([type=radio]):not([type=checkbox]), select, textarea');
        if (!own && !control) continue;
        const px = Number.parseFloat(getComputedStyle(el).fontSize);
        out.push({ what: `${el.nodeName.toLowerCase()} “${(el.textContent ?? '').trim().slice(0, 30)}”`, px });
      }
      return out.sort((a, b) => a.px - b.px);
    });
  }

  it('sets no text in the popup or the options page below its smallest step (12 px), inputs at the body size', async () => {
    // Chromium gives extension pages a stylesheet of its own (body at 75%): what inherits from the body shrank.
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=team.html`);
    await popup.getByLabel('First name', { exact: true }).waitFor();
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByRole('heading', { name: 'Accounts' }).waitFor();
    for (const page of [popup, options]) {
      const small = (await textSizes(page)).filter((t) => t.px < 12);
      expect(small).toEqual([]);
    }
    const inputSize = (page: Page, label: string) =>
      page.getByLabel(label, { exact: true }).evaluate((el) => Number.parseFloat(getComputedStyle(el).fontSize));
    expect(await inputSize(popup, 'First name')).toBe(14);
    expect(await inputSize(options, 'OpenPhone API address')).toBe(14);
    await popup.close();
    await options.close();
  });
});
