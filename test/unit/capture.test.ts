import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { readCapture } from '@/lib/capture';
import { extractPage } from '@/lib/extract/page';
import { parsePage } from '../../scripts/common/dom';

// The popup's half of a capture (lib/capture.ts) when the worker gives no answer: a worker that cannot start, or
// one stopped twice while answering. The popup then finishes the capture itself; nothing the page gave is lost.
describe('a capture without the worker', () => {
  beforeEach(() => fakeBrowser.reset());

  it('is finished by the popup, with the same people', async () => {
    const page = parsePage(readFileSync('demo/team.html', 'utf8'), 'http://127.0.0.1:8080/team.html');
    const value = JSON.parse(JSON.stringify(extractPage(page.document)));
    await page.close();
    // No background is listening: each message to it fails.
    const outcome = await readCapture({ ok: true, value, tabId: 7 });
    expect(outcome).toMatchObject({ ok: true, tabId: 7, truncated: false });
    if (!outcome.ok) return;
    expect(outcome.result.candidates.map((c) => c.name?.full)).toContain('Jane Q. Doe');
    expect(outcome.result.candidates).toHaveLength(6);
  });

  it('says so when the tab returned something that is not a capture', async () => {
    const outcome = await readCapture({ ok: true, value: { candidates: 'x' }, tabId: 7 });
    expect(outcome).toMatchObject({ ok: false, tabId: 7, error: expect.stringMatching(/unexpected/) });
  });
});
