import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { GECKO_ID } from '../../wxt.config';

const run = promisify(execFile);
const manifests: Record<string, Record<string, unknown>> = {};

// The production builds, made fresh: what users install is what these tests pin.
beforeAll(async () => {
  for (const [browser, dir] of [
    ['chrome', 'chrome-mv3'],
    ['firefox', 'firefox-mv3'],
  ] as const) {
    await run('npx', ['wxt', 'build', '-b', browser], { env: { ...process.env, NODE_ENV: 'production' } });
    manifests[browser] = JSON.parse(await readFile(`.output/${dir}/manifest.json`, 'utf8'));
  }
}, 180_000);

describe.each(['chrome', 'firefox'])('the production manifest for %s', (browser) => {
  it('asks only for the permissions the design allows', () => {
    const manifest = manifests[browser] ?? {};
    expect(manifest.manifest_version).toBe(3);
    expect(manifest.permissions).toEqual(['activeTab', 'scripting', 'storage', 'contextMenus', 'alarms']);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.optional_host_permissions ?? []).toEqual([]);
    expect(manifest.content_scripts).toBeUndefined();
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
  });
});

describe('the Firefox manifest', () => {
  it('carries the gecko id', () => {
    expect(manifests.firefox?.browser_specific_settings).toMatchObject({ gecko: { id: GECKO_ID } });
    expect(manifests.chrome?.browser_specific_settings).toBeUndefined();
  });
});
