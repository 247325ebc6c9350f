import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROVIDER_IDS } from '@/lib/providers/index';

// Issue 16, 1: "adding a provider is adding a file" holds only if no shared code names a provider. Every list
// (hosts, defaultable fields, who needs an account, who has custom fields) comes from the registry.
function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path === join('lib', 'providers') ? [] : files(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

describe('the provider registry', () => {
  it('is the only place a provider id is written, outside the tests', () => {
    const quoted = new RegExp(`(['"\`])(${PROVIDER_IDS.join('|')})\\1`);
    const found = [...files('lib'), ...files('components'), ...files('entrypoints'), 'wxt.config.ts'].flatMap((path) =>
      readFileSync(path, 'utf8')
        .split('\n')
        .flatMap((line, i) => (quoted.test(line) ? [`${path}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });
});
