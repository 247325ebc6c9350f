import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFolder } from '../../scripts/common/serve.mjs';
import { launchWithExtension } from '../support/chromium';

let context: BrowserContext;
let extensionId: string;
let site: Awaited<ReturnType<typeof serveFolder>>;

beforeAll(async () => {
  site = await serveFolder('demo');
  ({ context, extensionId } = await launchWithExtension(undefined, 'es-ES'));
  const lead = await context.newPage();
  await lead.goto(`${site.origin}/team.html`);
});

afterAll(async () => {
  await context?.close();
  await site?.close();
});

describe('the extension in Spanish (browser language es)', () => {
  it('speaks Spanish in the popup and saves with Spanish messages', async () => {
    const popup = await context.newPage();
    await popup.goto(`chrome-extension://${extensionId}/popup.html?tab=team.html`);
    await popup.getByRole('group', { name: /Personas en esta página \(6\)/ }).waitFor();
    expect(await popup.getByLabel('Enviar a').inputValue()).toBe('local');
    expect(await popup.getByLabel('Nombre', { exact: true }).inputValue()).toBe('Jane Q.');
    expect(await popup.getByLabel('Cargo').inputValue()).toBe('VP Sales');
    await popup.getByRole('button', { name: 'Guardar en la libreta' }).click();
    await expect
      .poll(() => popup.getByRole('status').textContent())
      .toBe('Jane Q. Doe guardado en tu libreta de direcciones.');
    await popup.close();
  });

  it('speaks Spanish in Settings', async () => {
    const options = await context.newPage();
    await options.goto(`chrome-extension://${extensionId}/options.html`);
    await options.getByRole('heading', { name: 'Cuentas' }).waitFor();
    await options.getByRole('heading', { name: 'Libreta de direcciones local' }).waitFor();
    await options.getByLabel('Clave de API de OpenPhone').waitFor();
    await options.getByRole('button', { name: 'Conectar OpenPhone' }).waitFor();
    await options.close();
  });
});
