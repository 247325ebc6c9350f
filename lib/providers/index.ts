import { cleartalk } from './cleartalk';
import { local } from './local';
import { openphone } from './openphone';
import { routera } from './routera';
import type { Provider } from './types';
import { vixiees } from './vixiees';

/** Every provider the product sends to; adding one is adding a file and a line here. */
export const PROVIDERS = { local, openphone, vixiees, cleartalk, routera } as const;

export type ProviderId = keyof typeof PROVIDERS;
export const PROVIDER_IDS = Object.keys(PROVIDERS) as ProviderId[];

export function getProvider(id: string): Provider | null {
  // Values stay opaque across providers: each one only ever receives what its own schema produced.
  // Own properties only: "constructor", "__proto__" or "toString" are not providers.
  return Object.hasOwn(PROVIDERS, id) ? ((PROVIDERS as unknown as Record<string, Provider>)[id] ?? null) : null;
}

export type { Provider } from './types';

/** The built-in address book's id: the provider that lives in the browser. */
export const IN_BROWSER_ID: string =
  (Object.values(PROVIDERS) as unknown as Provider[]).find((p) => p.inBrowser)?.id ?? 'local';

/** The providers reached over the network (every one but the address book), in registry order. */
export function remoteProviders(): Provider[] {
  return (Object.values(PROVIDERS) as unknown as Provider[]).filter((p) => !p.inBrowser);
}

/** Every host permission pattern the providers' APIs need: the manifest's optional hosts. */
export function providerHosts(): string[] {
  return remoteProviders().flatMap((p) => p.hosts);
}
