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
    expect(manifest.permissions).toEqual([
      'activeTab',
      'scripting',
      'storage',
      'contextMenus',
      'alarms',
      'declarativeNetRequestWithHostAccess',
    ]);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.optional_host_permissions).toEqual([
      'https://*.openphone.com/*',
      'https://*.vixiees.com/*',
      'https://*.cleartalk.ai/*',
      'https://*.routera.io/*',
    ]);
    expect(manifest.optional_permissions ?? []).toEqual([]);
    expect(manifest.content_scripts).toBeUndefined();
    expect(manifest.commands).toEqual({ _execute_action: { suggested_key: { default: 'Alt+Shift+C' } } });
    expect(JSON.stringify(manifest)).not.toContain('<all_urls>');
  });
});

describe('the Firefox manifest', () => {
  it('carries the gecko id, the minimum version its APIs need and the data-collection declaration', () => {
    expect(manifests.firefox?.browser_specific_settings).toEqual({
      gecko: {
        id: GECKO_ID,
        strict_min_version: '140.0',
        data_collection_permissions: { required: ['personallyIdentifyingInfo'] },
      },
      gecko_android: { strict_min_version: '142.0' },
    });
    expect(manifests.chrome?.browser_specific_settings).toBeUndefined();
  });
});

describe('the version', () => {
  it('is package.json’s, in both manifests', async () => {
    const { version } = JSON.parse(await readFile('package.json', 'utf8')) as { version: string };
    expect(manifests.chrome?.version).toBe(version);
    expect(manifests.firefox?.version).toBe(version);
  });
});

describe.each(['chrome', 'firefox'])('the content security policy for %s', (browser) => {
  it('allows only the extension’s own scripts, no eval, no plugins, no framing', () => {
    const csp = String((manifests[browser]?.content_security_policy as { extension_pages?: string })?.extension_pages);
    const directives = new Map(
      csp.split(';').map((d) => {
        const [name = '', ...values] = d.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|\*\s*;|http:\/\/\*/);
    expect(directives.get('connect-src')).toEqual(['https:', 'http://127.0.0.1:*', 'http://localhost:*']);
  });
});
