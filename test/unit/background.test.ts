import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import background from '@/entrypoints/background';
import { listContacts } from '@/lib/address-book';
import { markupEntities } from '@/lib/extract/extension/markup';
import { entitiesToWire } from '@/lib/extract/extension/wire';
import { extractPage } from '@/lib/extract/page';
import { parsePage } from '../../scripts/common/dom';

const EXTENSION_ID = 'test-extension-id';
const ownPage = { id: EXTENSION_ID, url: `chrome-extension://${EXTENSION_ID}/popup.html` };
const contact = {
  firstName: 'Jane',
  lastName: 'Doe',
  company: 'Acme',
  title: 'VP Sales',
  emails: ['jane@acme.com'],
  phones: [{ value: '+14155550132', type: 'work' }],
  website: '',
  notes: '',
};

async function send(message: unknown, sender: object) {
  const replies = (await fakeBrowser.runtime.onMessage.trigger(message, sender as never)) as unknown[];
  return replies[0];
}

describe('background messages', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    fakeBrowser.runtime.id = EXTENSION_ID;
    // WXT's fake browser has no context menus; the background registers one at start-up.
    Object.assign(fakeBrowser, {
      contextMenus: { create: () => undefined, onClicked: { addListener: () => undefined } },
    });
    background.main();
  });

  it('finishes what the extraction script returned into people, through JSON as a message travels', async () => {
    const page = parsePage(readFileSync('demo/team.html', 'utf8'), 'http://127.0.0.1:8080/team.html');
    const raw = JSON.parse(JSON.stringify(extractPage(page.document)));
    await page.close();
    const reply = (await send(
      { type: 'capture.finish', raw, region: null, markup: { nodes: [], roots: [] } },
      ownPage,
    )) as { ok: true; value: { result: { candidates: Array<{ name: { full: string } | null; title: string }> } } };
    expect(reply.ok).toBe(true);
    expect(reply.value.result.candidates).toHaveLength(6);
    expect(reply.value.result.candidates).toContainEqual(
      expect.objectContaining({ name: expect.objectContaining({ full: 'Jane Q. Doe' }), title: 'VP Sales' }),
    );
  });

  it('reads numbers written without a country code in the region it is given', async () => {
    const html =
      '<ul><li><b>Lena Vogel</b> <a href="mailto:lena.vogel@acme-widgets.com">mail</a> Tel. 030 1234567</li></ul>';
    const page = parsePage(`<body>${html}</body>`, 'https://www.acme-widgets.com/team');
    const raw = JSON.parse(JSON.stringify(extractPage(page.document)));
    await page.close();
    const phones = async (region: string) => {
      const message = { type: 'capture.finish', raw, region, markup: { nodes: [], roots: [] } };
      const reply = (await send(message, ownPage)) as {
        value: { result: { candidates: Array<{ phones: Array<{ e164: string }> }> } };
      };
      return reply.value.result.candidates.flatMap((c) => c.phones.map((p) => p.e164));
    };
    expect(await phones('DE')).toEqual(['+49301234567']);
    expect(await phones('GB')).not.toContain('+49301234567');
  });

  it('finishes a page with marked-up people sent as a graph, and refuses a malformed capture or a web page', async () => {
    const html = `<div itemscope itemtype="https://schema.org/Person"><span itemprop="name">Lena Vogel</span>
      <a itemprop="email" href="mailto:lena.vogel@acme-widgets.com">mail</a>
      <span itemprop="jobTitle">Head of Sales</span></div>`;
    const page = parsePage(`<body>${html}</body>`, 'https://www.acme-widgets.com/team');
    const raw = JSON.parse(JSON.stringify(extractPage(page.document)));
    await page.close();
    const markup = JSON.parse(JSON.stringify(entitiesToWire(markupEntities(raw.snapshots, raw.url))));
    const reply = (await send({ type: 'capture.finish', raw, region: null, markup }, ownPage)) as {
      value: { result: { candidates: Array<{ title: string; emails: string[]; sources: string[] }> } };
    };
    expect(markup.nodes.length).toBeGreaterThan(0);
    expect(reply.value.result.candidates).toEqual([
      expect.objectContaining({
        title: 'Head of Sales',
        emails: ['lena.vogel@acme-widgets.com'],
        sources: expect.arrayContaining(['microdata']),
      }),
    ]);
    expect(
      await send({ type: 'capture.finish', raw: { ...raw, candidates: 'x' }, region: null, markup }, ownPage),
    ).toEqual({ ok: true, value: { invalid: true } });
    const page2 = { id: EXTENSION_ID, url: 'https://evil.example/' };
    expect(await send({ type: 'capture.finish', raw, region: null, markup }, page2)).toMatchObject({ ok: false });
  });

  it('saves a contact sent by the popup', async () => {
    const reply = await send({ type: 'addressBook.save', contact }, ownPage);
    expect(reply).toMatchObject({ ok: true, value: { status: 'created', contact: { firstName: 'Jane' } } });
    expect(await listContacts()).toHaveLength(1);
  });

  it('refuses a content script or web page', async () => {
    for (const sender of [
      { id: EXTENSION_ID, url: 'https://evil.example.net/', tab: { id: 3 } },
      { id: 'another-extension', url: 'chrome-extension://another-extension/page.html' },
      { url: `chrome-extension://${EXTENSION_ID}/popup.html` },
    ]) {
      expect(await send({ type: 'addressBook.save', contact }, sender)).toMatchObject({ ok: false, error: /Refused/ });
    }
    expect(await listContacts()).toEqual([]);
  });

  it('answers a malformed message with a sentence, not a crash', async () => {
    const reply = await send({ type: 'addressBook.save', contact: { ...contact, emails: ['not-an-email'] } }, ownPage);
    expect(reply).toMatchObject({ ok: false, error: /not understood/ });
    expect(await send({ type: 'nope' }, ownPage)).toMatchObject({ ok: false });
  });

  it('keeps keys to itself: masked in the list, refused over http, erased on removal', async () => {
    const key = 'op_live_0123456789abcdef';
    const bad = await send(
      { type: 'accounts.set', providerId: 'openphone', account: { baseUrl: 'http://api.openphone.com', apiKey: key } },
      ownPage,
    );
    expect(bad).toMatchObject({ ok: false, error: /Only https/ });
    await send(
      { type: 'accounts.set', providerId: 'openphone', account: { baseUrl: 'https://api.openphone.com', apiKey: key } },
      ownPage,
    );
    const list = await send({ type: 'accounts.list' }, ownPage);
    expect(list).toMatchObject({ ok: true, value: [{ providerId: 'openphone', keyEnding: 'cdef' }] });
    expect(JSON.stringify(list)).not.toContain(key);
    await send({ type: 'accounts.remove', providerId: 'openphone' }, ownPage);
    expect(JSON.stringify(await fakeBrowser.storage.local.get(null))).not.toContain(key);
  });
});

describe('token cache', () => {
  it('forgets a provider’s tokens, and only that provider’s', async () => {
    const { TokenCache } = await import('@/lib/providers/client');
    const tokens = new TokenCache();
    tokens.set('routera|https://api.routera.io|client', 'secret-token', 3600, 0);
    tokens.set('other|https://x|y', 'other-token', 3600, 0);
    tokens.forget('routera');
    expect(tokens.get('routera|https://api.routera.io|client', 1000)).toBeNull();
    expect(tokens.get('other|https://x|y', 1000)).toBe('other-token');
  });
});
