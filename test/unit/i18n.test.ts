import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { t } from '@/lib/i18n';

type Messages = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const load = (lang: string) => JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8')) as Messages;
const en = load('en');
const es = load('es');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('English and Spanish', () => {
  it('have the same messages, with the same placeholders', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    for (const [key, entry] of Object.entries(en)) {
      expect(Object.keys(es[key]?.placeholders ?? {}).sort(), key).toEqual(
        Object.keys(entry.placeholders ?? {}).sort(),
      );
      expect(es[key]?.message.trim(), key).not.toBe('');
    }
  });

  it('hold every key the code asks for', () => {
    const used = new Set<string>();
    for (const file of [...sources('components'), ...sources('lib'), ...sources('entrypoints')]) {
      for (const match of readFileSync(file, 'utf8').matchAll(/\bt\('([A-Za-z0-9]+)'/g)) used.add(match[1] as string);
    }
    expect(used.size).toBeGreaterThan(100);
    expect([...used].filter((key) => !en[key])).toEqual([]);
  });

  it('fill substitutions in order', () => {
    expect(t('nOfMSent', 2, 3, 'OpenPhone')).toBe('2 of 3 sent to OpenPhone.');
    expect(t('updatedIn', 'Jane Doe', 'Vixiees')).toBe('Updated Jane Doe in Vixiees.');
  });
});
