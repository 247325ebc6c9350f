// The extension's own figures for `npm run bench`: popup open → form filled, a bulk send to the mock OpenPhone,
// the service worker's memory after many sends, and the size of what ships. Runs the test build (`--mode e2e`,
// which may reach 127.0.0.1 and name the tab to capture) in headless Chromium against test/mock-providers.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { BrowserContext, Page } from 'playwright-core';
import { emptyContactInput } from '../lib/contact';
import { externalIdFor } from '../lib/providers/external-id';
import { getProvider } from '../lib/providers/index';
import type { Provider } from '../lib/providers/types';
import { serveFolder } from '../scripts/common/serve.mjs';
import { MOCK_KEYS, startMockProviders } from '../test/mock-providers/server';
import { launchWithExtension } from '../test/support/chromium';
import { directoryPage } from './pages';

declare const chrome: {
  runtime: { sendMessage: (message: unknown) => Promise<unknown> };
  storage: { local: { get: (key: string) => Promise<Record<string, unknown>> } };
};

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export interface ExtensionFigures {
  popupMs: number;
  popupRuns: number;
  /** Where an open of the demo page spends its time (medians, ms from the popup's navigation start). */
  popupSteps: { shell: number; pageRead: number; formLoaded: number; filled: number };
  /** The same browser opening a small extension page and running a no-op script in the tab. */
  floorMs: number;
  /** Popup open → form filled on a directory page of `bigBytes`. */
  bigMs: number;
  bigBytes: number;
  bulk: { count: number; seconds: number; tooMany: number };
  memory: { sends: number; beforeMb: number; afterMb: number };
}

function person(i: number) {
  return {
    ...emptyContactInput(),
    firstName: `Bench${i}`,
    lastName: 'Lead',
    emails: [`bench${i}.lead@prospect-bench.com`],
    phones: [{ value: `+1415555${String(1000 + (i % 9000)).padStart(4, '0')}`, type: 'work' as const }],
    company: 'Prospect Inc',
  };
}

/** Heap used by the background worker, after a garbage collection, in MB (through the Chrome DevTools Protocol). */
async function workerHeapMb(context: BrowserContext, page: Page): Promise<number> {
  const cdp = await context.newCDPSession(page);
  const { targetInfos } = await cdp.send('Target.getTargets');
  const worker = targetInfos.find((t) => t.type === 'service_worker' && t.url.endsWith('/background.js'));
  if (!worker) throw new Error('no service worker');
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId: worker.targetId, flatten: false });
  let id = 0;
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const mine = ++id;
      const listener = (event: { message: string }) => {
        const message = JSON.parse(event.message) as { id: number; result: Record<string, unknown> };
        if (message.id !== mine) return;
        cdp.off('Target.receivedMessageFromTarget', listener);
        resolve(message.result);
      };
      cdp.on('Target.receivedMessageFromTarget', listener);
      void cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id: mine, method }) });
    });
  await call('HeapProfiler.collectGarbage');
  const usage = await call('Runtime.getHeapUsage');
  await cdp.detach();
  return Number(usage.usedSize) / 1024 / 1024;
}

export async function benchExtension(quick: boolean): Promise<ExtensionFigures> {
  const mock = await startMockProviders();
  // The demo page, and a directory page of 1 MB (100 KB in quick mode) from bench/pages.ts.
  const folder = mkdtempSync(join(tmpdir(), 'bench-popup-'));
  cpSync('demo', folder, { recursive: true });
  const bigBytes = quick ? 100_000 : 1_000_000;
  writeFileSync(join(folder, 'big-directory.html'), directoryPage(bigBytes));
  const site = await serveFolder(folder);
  const { context, extensionId } = await launchWithExtension();
  try {
    const ext = await context.newPage();
    await ext.goto(`chrome-extension://${extensionId}/options.html`);
    const message = (payload: unknown) => ext.evaluate((m) => chrome.runtime.sendMessage(m), payload);
    await message({
      type: 'accounts.set',
      providerId: 'openphone',
      account: { baseUrl: mock.baseUrl('openphone'), apiKey: MOCK_KEYS.openphone },
    });
    const provider = getProvider('openphone') as Provider;
    const sendsOf = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => {
        const contact = person(from + i);
        return {
          action: 'create',
          remoteId: null,
          contact,
          values: provider.fromContact(contact, externalIdFor(contact)),
        };
      });
    const drained = async () => {
      for (;;) {
        const { outbox } = await ext.evaluate(() => chrome.storage.local.get('outbox'));
        if (!Array.isArray(outbox) || outbox.length === 0) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    };

    // Popup open → form filled: from the popup's navigation start to a filled first-name field.
    for (const page of ['team.html', 'big-directory.html'])
      await (await context.newPage()).goto(`${site.origin}/${page}`);
    const runs = quick ? 2 : 9;
    const popupOnce = async (tab: string) => {
      const popup = await context.newPage();
      await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${tab}`);
      const handle = await popup.waitForFunction(() => {
        const label = [...document.querySelectorAll('label')].find((l) => l.textContent?.trim() === 'First name');
        const input = (label?.control ?? null) as HTMLInputElement | null;
        return input && input.value !== '' ? performance.now() : null;
      });
      const ms = Number(await handle.jsonValue());
      // The popup's own marks (entrypoints/popup/main.tsx): its shell ran, the page was read, the form loaded.
      const marks = (await popup.evaluate(() =>
        ['ctc:shell', 'ctc:page-read', 'ctc:form-loaded'].map(
          (n) => performance.getEntriesByName(n)[0]?.startTime ?? 0,
        ),
      )) as number[];
      steps.push({ shell: marks[0] ?? 0, pageRead: marks[1] ?? 0, formLoaded: marks[2] ?? 0, filled: ms });
      await popup.close();
      return ms;
    };
    const steps: Array<ExtensionFigures['popupSteps']> = [];
    // The floor: a small extension page of ours (privacy.html) opened, then a no-op script run in the same tab.
    const floorOnce = async (tab: string) => {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/privacy.html`);
      // A string, so that nothing of the bench's own transpiling (esbuild's name helpers) reaches the page.
      const ms = Number(
        await page.evaluate(`(async () => {
          const tabs = await chrome.tabs.query({});
          const found = tabs.find((t) => t.url && t.url.includes(${JSON.stringify(tab)}));
          await chrome.scripting.executeScript({ target: { tabId: found ? found.id : -1 }, func: () => 0 });
          return performance.now();
        })()`),
      );
      await page.close();
      return ms;
    };
    // Taken in turns, so the three see the same machine; the first of each warms caches and is dropped.
    const times = { popup: [] as number[], big: [] as number[], floor: [] as number[] };
    const demoRuns: Array<ExtensionFigures['popupSteps']> = [];
    for (let i = 0; i < runs; i++) {
      times.floor.push(await floorOnce('team.html'));
      times.popup.push(await popupOnce('team.html'));
      const demoSteps = steps.pop();
      times.big.push(await popupOnce('big-directory.html'));
      steps.pop();
      if (demoSteps) demoRuns.push(demoSteps);
    }
    const warm = (xs: number[]) => median(xs.length > 1 ? xs.slice(1) : xs);
    const popupMs = warm(times.popup);

    // Bulk send to the mock OpenPhone, which enforces its documented 10 requests a second with 429s.
    const bulkCount = quick ? 10 : 50;
    const before429 = mock.log.filter((l) => l.status === 429).length;
    const started = performance.now();
    await message({ type: 'outbox.send', providerId: 'openphone', sends: sendsOf(0, bulkCount) });
    await drained();
    const seconds = (performance.now() - started) / 1000;
    const tooMany = mock.log.filter((l) => l.status === 429).length - before429;

    // Memory of the worker after many sends (in batches of 50, as a bulk send from the popup would be).
    const total = quick ? 20 : 500;
    const beforeMb = await workerHeapMb(context, ext);
    for (let from = 1000; from < 1000 + total; from += 50) {
      await message({
        type: 'outbox.send',
        providerId: 'openphone',
        sends: sendsOf(from, Math.min(50, 1000 + total - from)),
      });
    }
    await drained();
    const afterMb = await workerHeapMb(context, ext);
    const step = (key: keyof ExtensionFigures['popupSteps']) => warm(demoRuns.map((r) => r[key]));
    return {
      popupMs,
      popupRuns: runs,
      popupSteps: {
        shell: step('shell'),
        pageRead: step('pageRead'),
        formLoaded: step('formLoaded'),
        filled: step('filled'),
      },
      floorMs: warm(times.floor),
      bigMs: warm(times.big),
      bigBytes,
      bulk: { count: bulkCount, seconds, tooMany },
      memory: { sends: total + bulkCount, beforeMb, afterMb },
    };
  } finally {
    await context.close();
    await site.close();
    await mock.close();
  }
}

/** Bytes, minified as built, and gzipped, of what the Chrome build ships, and of the zips when they exist. */
export function sizes(dir = '.output/chrome-mv3'): Array<{ name: string; bytes: number; gzip: number | null }> {
  const file = (path: string) => readFileSync(join(dir, path));
  const popupHtml = file('popup.html').toString();
  // What popup.html loads before its first paint (its script and the modules it preloads).
  const popupScripts = [...popupHtml.matchAll(/(?:src|href)="\/([^"]+\.js)"/g)].map((m) => m[1] as string);
  const popup = Buffer.concat(popupScripts.map(file));
  // Everything the popup can load after it (the form, the providers, the phone metadata, the markup readers).
  const later = readdirSync(join(dir, 'chunks'))
    .map((f) => `chunks/${f}`)
    .filter((f) => !popupScripts.includes(f) && !/^chunks\/(options|privacy)-/.test(f));
  const rest = Buffer.concat(later.map(file));
  const rows: Array<{ name: string; bytes: number; gzip: number | null }> = [
    { name: 'extract.js (injected)', bytes: file('extract.js').length, gzip: gzipSync(file('extract.js')).length },
    { name: `popup first paint (${popupScripts.length} scripts)`, bytes: popup.length, gzip: gzipSync(popup).length },
    {
      name: `popup after first paint (${later.length} scripts, as needed)`,
      bytes: rest.length,
      gzip: gzipSync(rest).length,
    },
    { name: 'background.js', bytes: file('background.js').length, gzip: gzipSync(file('background.js')).length },
  ];
  if (existsSync('.output')) {
    for (const zip of readdirSync('.output')
      .filter((f) => f.endsWith('.zip'))
      .sort()) {
      rows.push({
        name: zip.replace(/-\d+\.\d+\.\d+/, ''),
        bytes: readFileSync(join('.output', zip)).length,
        gzip: null,
      });
    }
  }
  return rows;
}

export { kb };
