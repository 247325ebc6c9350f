import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// docs/DESIGN.md, "the walls of the house": what runs on a stranger's page imports only its own half of
// extraction and the shared pieces, never the extension's half, a library, the browser API or anything else ours.
const root = resolve(__dirname, '../..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

function importsOf(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1] as string);
}

describe('the walls between the halves of extraction', () => {
  it('the page side and the shared pieces import only each other', () => {
    const found: string[] = [];
    for (const half of ['page', 'shared']) {
      for (const file of filesUnder(join(root, 'lib/extract', half))) {
        for (const spec of importsOf(file)) {
          const target = spec.startsWith('.') ? relative(root, resolve(file, '..', spec)) : spec;
          if (!/^lib\/extract\/(page|shared)\//.test(target)) found.push(`${relative(root, file)} → ${spec}`);
          if (half === 'shared' && target.startsWith('lib/extract/page/'))
            found.push(`${relative(root, file)} → ${spec}`);
        }
      }
    }
    expect(found).toEqual([]);
  });

  it('the injected entry imports the page side only', () => {
    expect(importsOf(join(root, 'entrypoints/extract.ts')).filter((s) => s.startsWith('@/'))).toEqual([
      '@/lib/extract/page',
    ]);
  });
});
