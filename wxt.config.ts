import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { providerHosts } from './lib/providers/index';

// Test builds (`--mode e2e`) may reach the local test server and name the tab to capture; production never.
export const GECKO_ID = 'capture-to-crm@capture-to-crm.dev';

const TEST_MODES = new Set(['e2e']);

/** The providers' API hosts (any subdomain, for regional addresses), from the registry, and this machine for mocks. */
export const PROVIDER_HOSTS = [...providerHosts(), 'http://127.0.0.1/*', 'http://localhost/*'];

export const EXTENSION_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "img-src 'self' data:",
  "style-src 'self'",
  'connect-src https: http://127.0.0.1:* http://localhost:*',
].join('; ');

export default defineConfig({
  manifestVersion: 3,
  modules: ['@wxt-dev/webextension-polyfill'],
  // The sources zip is for rebuilding the extension: the saved web pages of the test corpora are not needed.
  zip: { excludeSources: ['test/fixtures/real/**', 'test/fixtures/conformance/**'] },
  imports: false,
  vite: () => ({
    plugins: [preact({ devToolsEnabled: false, prefreshEnabled: false })],
  }),
  hooks: {
    // WXT takes the toolbar tooltip from the popup's <title>; the manifest's is localised instead.
    'build:manifestGenerated': (_wxt, manifest) => {
      if (manifest.action) manifest.action.default_title = '__MSG_actionTitle__';
    },
  },
  manifest: ({ mode, browser }) => {
    const test = TEST_MODES.has(mode);
    return {
      name: '__MSG_extName__',
      description: '__MSG_extDescription__',
      default_locale: 'en',
      permissions: [
        'activeTab',
        'scripting',
        'storage',
        'contextMenus',
        'alarms',
        // One session rule: `Connection: close` on our own requests to the connected providers (lib/background/connections.ts).
        'declarativeNetRequestWithHostAccess',
        ...(test ? ['tabs'] : []),
      ],
      ...(test ? { host_permissions: ['http://127.0.0.1/*'] } : {}),
      // The keyboard way to open the popup (the context menu's "Capture selection" is the other).
      commands: { _execute_action: { suggested_key: { default: 'Alt+Shift+C' } } },
      // Asked for one at a time, when the user connects that provider in Settings; never at install.
      // This machine's mock providers only in development and test builds (lib/accounts.ts checkBaseUrl).
      optional_host_permissions:
        mode === 'production' ? PROVIDER_HOSTS.filter((h) => h.startsWith('https:')) : PROVIDER_HOSTS,
      // Extension pages and the worker run our bundled code only: no eval, no remote script, no plugins, no
      // framing; requests go to https providers (or a provider on this machine, which the settings allow).
      ...(mode === 'development' ? {} : { content_security_policy: { extension_pages: EXTENSION_CSP } }),
      ...(browser === 'firefox'
        ? {
            browser_specific_settings: {
              gecko: {
                id: GECKO_ID,
                // 140: Firefox's built-in data-collection consent (below); MV3 scripting, storage.session and
                // alarms are all older.
                strict_min_version: '140.0',
                // What leaves the browser: the names, emails and phones the user chooses to send, to the CRM
                // the user connected (PRIVACY.md). Nothing is sent anywhere else.
                data_collection_permissions: { required: ['personallyIdentifyingInfo'] },
              },
              // Firefox for Android has the data-collection consent from 142.
              gecko_android: { strict_min_version: '142.0' },
            },
          }
        : {}),
    };
  },
});
