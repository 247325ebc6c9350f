import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFolder } from '../../scripts/common/serve.mjs';
import { launchWithExtension } from '../support/chromium';

// The popup on pages nobody here wrote (test/fixtures/real, test/fixtures/conformance), in the built extension:
// a profile's one person without any channel, and people declared only in microformats, which the popup reads
// with the structured-data chunk it loads for such pages.
let context: BrowserContext;
let extensionId: string;
let site: Awaited<ReturnType<typeof serveFolder>>;

beforeAll(async () => {
  site = await serveFolder('test/fixtures');
  ({ context, extensionId } = await launchWithExtension());
}, 60_000);

afterAll(async () => {
  await context?.close();
  await site?.close();
});

async function popupOn(path: string): Promise<Page> {
  const lead = await context.newPage();
  await lead.goto(`${site.origin}/${path}`, { timeout: 60_000 });
  const popup = await context.newPage();
  const file = path.split('/').pop() as string;
  await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=${encodeURIComponent(file)}`);
  await popup.getByLabel('First name').waitFor();
  return popup;
}

describe('the popup on real pages (Chromium)', () => {
  it('fills the form with the one person of a LinkedIn public profile, title and employer from the headline', async () => {
    const popup = await popupOn('real/p-linkedin-jeffweiner08.html');
    await expect.poll(() => popup.getByLabel('First name').inputValue()).toBe('Jeff');
    expect(await popup.getByLabel('Last name').inputValue()).toBe('Weiner');
    expect(await popup.getByLabel('Job title').inputValue()).toBe('CEO');
    expect(await popup.getByLabel('Company').inputValue()).toBe('LinkedIn');
    await popup.close();
  });

  it('lists people declared only in microformats, a person and their organisation', async () => {
    const popup = await popupOn('conformance/mf/tests__microformats-v2__h-card__hcard.html');
    await expect.poll(() => popup.getByLabel('First name').inputValue()).toBe('Mitchell');
    expect(await popup.getByLabel('Last name').inputValue()).toBe('Baker');
    expect(await popup.getByLabel('Company').inputValue()).toBe('Mozilla Foundation');
    await popup.close();
  });
  // Cards whose title is a heading among their lines (Ohio Wesleyan's library), or stands above the name (SPS UCF's
  // officers): read in the browser as in the score.
  it('reads a staff card whose title is a heading, and an officer whose role stands above the name', async () => {
    const library = await popupOn('real/d-directory-library-staff-owu-us.html');
    const list = library.getByRole('group', { name: /People on this page/ });
    const row = list.getByRole('listitem').filter({ hasText: 'Bernard Derr' });
    await expect.poll(() => row.textContent()).toMatch(/Rare Books Librarian/);
    await row.getByText('Bernard Derr').click();
    await expect.poll(() => library.getByLabel('Job title').inputValue()).toBe('Rare Books Librarian');
    expect(await library.getByLabel('Phone').first().inputValue()).toMatch(/368.?3288/);
    await library.close();
    const society = await popupOn('real/d-directory-sps-ucf-members-us.html');
    const officer = society
      .getByRole('group', { name: /People on this page/ })
      .getByRole('listitem')
      .filter({ hasText: 'Brett Barin' });
    await expect.poll(() => officer.textContent()).toMatch(/Treasurer/);
    // A long list is drawn 40 rows at a time after the form (components/CandidatePicker.tsx): all of it, in order.
    const members = society.getByRole('group', { name: /People on this page/ });
    const count = Number((await members.locator('legend').textContent())?.match(/\((\d+)\)/)?.[1]);
    expect(count).toBeGreaterThan(100);
    await expect.poll(() => members.getByRole('listitem').count()).toBe(count);
    await members.getByRole('button', { name: 'Select all' }).click();
    expect(await members.getByText(`${count} of ${count} ticked`).count()).toBe(1);
    await society.close();
  });
  // Issue 17: a team page from the real corpus at a glance (the README's screenshots are taken here too).
  it.each(['light', 'dark'] as const)(
    'a real team page lists each person with role · company and channels (%s)',
    async (colorScheme) => {
      const popup = await popupOn('real/d-team-correlaid-nl.html');
      await popup.emulateMedia({ colorScheme });
      await popup.setViewportSize({ width: 400, height: 640 });
      const list = popup.getByRole('group', { name: /People on this page/ });
      await list.getByRole('button', { name: 'Select all' }).waitFor();
      const first = list.getByRole('listitem').first();
      expect(await first.textContent()).toMatch(/ · CorrelAid Netherlands/);
      expect(await first.textContent()).toMatch(/\d e-mail\(s\), \d phone\(s\)/);
      const folder = process.env.UPDATE_SCREENSHOTS ? 'docs/screenshots' : '.output/screenshots';
      await popup.screenshot({ path: `${folder}/popup-real-team-${colorScheme}.png` });
      await popup.close();
    },
  );
  // Issue 17: a newspaper's contact block has many numbers; the form shows the first and keeps the rest behind
  // "+N more" (they are still sent), until asked for.
  it('sizes the form to the person: one e-mail and one phone shown, the rest behind "+N more"', async () => {
    const popup = await popupOn('real/m-kaieteurnews-essequibo.html');
    const phones = () => popup.getByRole('textbox', { name: /^Phone( \d+)?$/ }).count();
    await expect.poll(phones).toBe(1);
    const more = popup.getByRole('button', { name: /^\+\d+ more$/ });
    expect(await more.count()).toBeGreaterThanOrEqual(1);
    const hidden = Number((await more.last().textContent())?.match(/\d+/)?.[0]);
    await more.last().click();
    await expect.poll(phones).toBe(1 + hidden);
    await popup.close();
  });
});
