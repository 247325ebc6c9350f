import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_KEYS, type MockProviders, startMockProviders } from '../mock-providers/server';
import { launchWithExtension } from '../support/chromium';

let context: BrowserContext;
let extensionId: string;
let mock: MockProviders;
let options: Page;

beforeAll(async () => {
  mock = await startMockProviders();
  ({ context, extensionId } = await launchWithExtension());
  options = await context.newPage();
  options.on('dialog', (dialog) => void dialog.accept());
  await options.goto(`chrome-extension://${extensionId}/options.html`);
});

afterAll(async () => {
  await context?.close();
  await mock?.close();
});

const card = (name: string) => options.getByRole('form', { name, exact: true });
const statusOf = (name: string) => card(name).getByRole('status');

describe('accounts in Settings (Chromium, mock providers)', () => {
  it('connects OpenPhone: a wrong key is named as such, the right one is accepted and never shown back', async () => {
    const openphone = card('OpenPhone');
    await openphone.getByLabel('OpenPhone API address').fill('http://api.openphone.com');
    await openphone.getByLabel('OpenPhone API key').fill('wrong-key-1234');
    await openphone.getByRole('button', { name: 'Connect OpenPhone' }).click();
    await expect.poll(() => statusOf('OpenPhone').textContent()).toMatch(/Only https addresses are allowed/);

    await openphone.getByLabel('OpenPhone API address').fill(mock.baseUrl('openphone'));
    await openphone.getByRole('button', { name: 'Connect OpenPhone' }).click();
    await expect.poll(() => statusOf('OpenPhone').textContent()).toMatch(/API key was refused/);

    await openphone.getByLabel('OpenPhone API key').fill(`Bearer ${MOCK_KEYS.openphone}`);
    await openphone.getByRole('button', { name: 'Save OpenPhone' }).click();
    await expect.poll(() => statusOf('OpenPhone').textContent()).toBe('Connected to OpenPhone: the key was accepted.');
    expect(await openphone.textContent()).toContain(`key ending ${MOCK_KEYS.openphone.slice(-4)}`);
    expect(await openphone.getByLabel('OpenPhone API key').inputValue()).toBe('');
    expect(await options.content()).not.toContain(MOCK_KEYS.openphone);

    await openphone.getByRole('button', { name: 'Test OpenPhone connection' }).click();
    await expect.poll(() => statusOf('OpenPhone').textContent()).toBe('Connected to OpenPhone: the key was accepted.');
  });

  it('connects Routera with a client id and secret', async () => {
    const routera = card('Routera');
    await routera.getByLabel('Routera client id').fill(MOCK_KEYS.routera.clientId);
    await routera.getByLabel('Routera client secret').fill(MOCK_KEYS.routera.clientSecret);
    await routera.getByLabel('Routera API address').fill(mock.baseUrl('routera'));
    await routera.getByRole('button', { name: 'Connect Routera' }).click();
    await expect.poll(() => statusOf('Routera').textContent()).toBe('Connected to Routera: the key was accepted.');
  });

  it('removes an account and erases its key', async () => {
    await card('OpenPhone').getByRole('button', { name: 'Remove OpenPhone' }).click();
    await expect.poll(() => card('OpenPhone').textContent()).toContain('Not connected');
    const stored = await options.evaluate(async () => {
      const api = (
        globalThis as unknown as { chrome: { storage: { local: { get: (k: string) => Promise<unknown> } } } }
      ).chrome;
      return JSON.stringify(await api.storage.local.get('accounts'));
    });
    expect(stored).not.toContain(MOCK_KEYS.openphone);
    expect(stored).toContain('routera');
  });

  it('keeps ClearTalk defaults that every send from the popup starts from', async () => {
    const cleartalk = card('ClearTalk');
    await cleartalk.getByLabel('ClearTalk API key').fill(MOCK_KEYS.cleartalk);
    await cleartalk.getByLabel('ClearTalk API address').fill(mock.baseUrl('cleartalk'));
    await cleartalk.getByRole('button', { name: 'Connect ClearTalk' }).click();
    await expect.poll(() => statusOf('ClearTalk').textContent()).toBe('Connected to ClearTalk: the key was accepted.');

    const defaults = options.getByRole('form', { name: 'ClearTalk defaults' });
    await defaults.getByLabel('ClearTalk List').fill('Trade show 2026');
    await defaults.getByLabel('ClearTalk Tag').fill('hot-lead');
    await defaults.getByRole('button', { name: 'Save ClearTalk defaults' }).click();
    await options.getByText('Saved the ClearTalk defaults: every send starts from them.').waitFor();

    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await popup.getByLabel('Send to').selectOption('cleartalk');
    expect(await popup.getByLabel('ClearTalk List').inputValue()).toBe('Trade show 2026');
    await popup.getByLabel('First name', { exact: true }).fill('Nora');
    await popup.getByLabel('Email', { exact: true }).fill('nora@fjord-labs.no');
    await popup.getByRole('button', { name: 'Send to ClearTalk' }).click();
    await expect.poll(() => popup.getByRole('status').textContent()).toBe('Sent Nora to ClearTalk.');
    expect(mock.records('cleartalk')).toEqual([
      expect.objectContaining({ email: 'nora@fjord-labs.no', listName: 'Trade show 2026', tag: 'hot-lead' }),
    ]);
    await popup.close();
  });
});
