import { copyFile, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFolder } from '../../scripts/common/serve.mjs';
import { backtrackingBait, deepNesting, hugeTextNode, manyEmails, manyNodes } from '../fixtures/hostile/generate';
import { launchWithExtension } from '../support/chromium';

// The extension pages' own API, as the test calls it inside them.
declare const chrome: {
  tabs: { query: (q: object) => Promise<Array<{ id: number; url?: string }>> };
  scripting: {
    executeScript: (o: object) => Promise<Array<{ result?: unknown }>>;
  };
  runtime: { sendMessage: (message: unknown) => Promise<unknown> };
  storage: { local: { get: (key: string | null) => Promise<Record<string, unknown>> } };
};

let context: BrowserContext;
let extensionId: string;
let site: Awaited<ReturnType<typeof serveFolder>>;
let folder: string;
let ext: Page;
const SECRET = 'op_live_hostile_secret_9f8e7d';

interface Raw {
  truncated: boolean;
  candidates: Array<{ name: string | null; emails: string[]; phones: Array<{ raw: string }> }>;
}

/** Runs the built extract.js in the tab whose URL contains `part`, as the popup does, and times it. */
async function extractIn(part: string): Promise<{ ms: number; raw: Raw }> {
  return ext.evaluate(async (wanted) => {
    const tab = (await chrome.tabs.query({})).find((t) => t.url?.includes(wanted));
    if (!tab) throw new Error(`no tab ${wanted}`);
    const started = performance.now();
    const [first] = await chrome.scripting.executeScript({ target: { tabId: tab.id }, files: ['extract.js'] });
    return { ms: performance.now() - started, raw: first?.result as never };
  }, part);
}

async function openLead(name: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${site.origin}/${name}`, { timeout: 60_000 });
  return page;
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'ctc-hostile-'));
  for (const file of await readdir('test/fixtures/hostile')) {
    if (file.endsWith('.html')) await copyFile(join('test/fixtures/hostile', file), join(folder, file));
  }
  await writeFile(join(folder, 'many-nodes.html'), manyNodes());
  await writeFile(join(folder, 'deep-nesting.html'), deepNesting());
  // 8 MB in the browser: Chromium's own layout of one 20 MB paragraph took 48 to over 60 s on the CI machine before
  // any script ran (the extraction itself took 130 ms). The 20 MB node is read in Node by test/unit/hostile.test.ts.
  await writeFile(join(folder, 'huge-text-node.html'), hugeTextNode(8));
  await writeFile(join(folder, 'many-emails.html'), manyEmails());
  await writeFile(join(folder, 'backtracking-bait.html'), backtrackingBait());
  site = await serveFolder(folder);
  ({ context, extensionId } = await launchWithExtension());
  ext = await context.newPage();
  await ext.goto(`chrome-extension://${extensionId}/options.html`);
  const reply = (await ext.evaluate(
    (key) =>
      chrome.runtime.sendMessage({
        type: 'accounts.set',
        providerId: 'openphone',
        account: { baseUrl: 'https://api.openphone.com', apiKey: key },
      }),
    SECRET,
  )) as { ok: boolean };
  expect(reply.ok).toBe(true);
}, 120_000);

afterAll(async () => {
  await context?.close();
  await site?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe('hostile pages in Chromium', () => {
  it.each([
    ['many-nodes.html', 'p0@huge-pages.com'],
    ['deep-nesting.html', 'deep.diver@huge-pages.com'],
    ['huge-text-node.html', 'first.contact@huge-pages.com'],
    ['many-emails.html', 'user0@many-mails.com'],
    // 9 s in Chromium with the old address pattern (one retry per letter before the "@").
    ['backtracking-bait.html', 'bait.reader@huge-pages.com'],
  ])(
    '%s: bounded time, at most 200 people, the first one found',
    async (name, email) => {
      const lead = await openLead(name);
      const { ms, raw } = await extractIn(name);
      console.log(`${name}: ${Math.round(ms)} ms, ${raw.candidates.length} candidates, truncated ${raw.truncated}`);
      expect(ms).toBeLessThan(5000);
      expect(raw.candidates.length).toBeLessThanOrEqual(300);
      expect(raw.candidates.flatMap((c) => c.emails)).toContain(email);
      await lead.close();
    },
    90_000,
  );

  it('is neither stopped nor looped by form controls named after DOM properties', async () => {
    const lead = await openLead('clobbered-form.html');
    // The page really does shadow them: the form's parentElement is its controls, not the <body>.
    expect(await lead.evaluate(() => document.forms[0]?.parentElement === document.body)).toBe(false);
    const { raw } = await extractIn('clobbered-form.html');
    const emails = raw.candidates.flatMap((c) => c.emails);
    expect(emails).toContain('nina.berg@clobber-labs.com');
    expect(emails).toContain('omar.haddad@clobber-labs.com');
    expect(raw.candidates.find((c) => c.emails.includes('nina.berg@clobber-labs.com'))?.name).toBe('Nina Berg');
    await lead.close();
  });

  it('is not fooled by a page that sabotages the built-ins before the script runs', async () => {
    const lead = await openLead('redefined-builtins.html');
    const { raw } = await extractIn('redefined-builtins.html');
    const byName = new Map(raw.candidates.map((c) => [c.name, c]));
    expect(byName.get('Nina Berg')?.emails).toEqual(['nina.berg@sabotage-labs.com']);
    expect(byName.get('Nina Berg')?.phones.map((p) => p.raw)).toEqual(['+4981234567']);
    expect(byName.get('Omar Haddad')?.emails).toEqual(['omar.haddad@sabotage-labs.com']);
    // The page's fake chrome.runtime was never called: our script runs in its own world.
    expect(await lead.evaluate(() => (window as { __leak?: boolean }).__leak)).toBeUndefined();
    await lead.close();
  });

  it('says in the popup when a page holds more than one capture reads', async () => {
    const lead = await openLead('many-emails.html');
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=many-emails.html`);
    await popup.getByRole('group', { name: /People on this page/ }).waitFor();
    expect(await popup.getByRole('note').textContent()).toMatch(/first part.*Capture selection/);
    await popup.close();
    await lead.close();
  });

  it('shows script payloads from the page as text in the popup, never running them', async () => {
    const lead = await openLead('payloads.html');
    const title = await lead.title();
    const popup = await context.newPage();
    const dialogs: string[] = [];
    popup.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=payloads.html`);
    await popup.getByRole('group', { name: /People on this page/ }).waitFor();
    await popup.getByRole('radio', { name: 'Eve Jones' }).check();
    await popup.waitForTimeout(300);
    expect(await popup.title()).not.toContain('pwned');
    expect(await popup.locator('img[src="x"], svg[onload], script:not([src])').count()).toBe(0);
    expect(dialogs).toEqual([]);
    expect(await popup.getByLabel('Job title').inputValue()).toContain('<svg onload=');
    expect(await lead.title()).toBe(title);
    await popup.close();
    await lead.close();
  });
});

describe('secrets stay with the extension', () => {
  it('refuses a script in the page’s tab that asks the background for keys or a send, and hides storage', async () => {
    const lead = await openLead('payloads.html');
    // The page's own script has no extension API at all.
    expect(
      await lead.evaluate(
        () => typeof (window as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime?.sendMessage,
      ),
    ).toBe('undefined');
    // A content script (what an attacker would need to inject) is refused by sender and denied storage.
    const attempt = await ext.evaluate(async () => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url?.includes('payloads.html'));
      const [first] = await chrome.scripting.executeScript({
        target: { tabId: tab?.id },
        func: async () => {
          const api = (globalThis as unknown as { chrome: typeof chrome }).chrome;
          const out: Record<string, unknown> = {};
          const tryIt = async (key: string, run: () => Promise<unknown>) => {
            try {
              out[key] = await run();
            } catch (error) {
              out[key] = `threw: ${(error as Error).message}`;
            }
          };
          await tryIt('list', () => api.runtime.sendMessage({ type: 'accounts.list' }));
          await tryIt('send', () =>
            api.runtime.sendMessage({ type: 'outbox.send', providerId: 'openphone', sends: [] }),
          );
          await tryIt('remove', () => api.runtime.sendMessage({ type: 'accounts.remove', providerId: 'openphone' }));
          await tryIt('storage', () => api.storage.local.get(null));
          return out;
        },
      });
      return first?.result as Record<string, unknown>;
    });
    expect(attempt.list).toMatchObject({ ok: false, error: expect.stringMatching(/Refused/) });
    expect(attempt.send).toMatchObject({ ok: false });
    expect(attempt.remove).toMatchObject({ ok: false });
    expect(String(JSON.stringify(attempt.storage))).not.toContain('accounts');
    expect(JSON.stringify(attempt)).not.toContain(SECRET);
    // window.postMessage reaches nobody: the account is still there, and only its last four characters show.
    await lead.evaluate(() => window.postMessage({ type: 'accounts.remove', providerId: 'openphone' }, '*'));
    const list = (await ext.evaluate(() => chrome.runtime.sendMessage({ type: 'accounts.list' }))) as {
      ok: boolean;
      value: Array<{ providerId: string; keyEnding: string }>;
    };
    expect(list.value.map((a) => a.providerId)).toContain('openphone');
    expect(JSON.stringify(list)).not.toContain(SECRET);
    await lead.close();
  });
});
