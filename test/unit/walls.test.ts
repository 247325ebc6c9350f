import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// docs/DESIGN.md, "the walls of the house": what runs on a stranger's page imports only its own half of
// extraction and the common pieces, never the extension's half, a library, the browser API or anything else ours.
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
  it('the page side and the common pieces import only each other', () => {
    const found: string[] = [];
    for (const half of ['page', 'common']) {
      for (const file of filesUnder(join(root, 'lib/extract', half))) {
        for (const spec of importsOf(file)) {
          const target = spec.startsWith('.') ? relative(root, resolve(file, '..', spec)) : spec;
          if (!/^lib\/extract\/(page|common)\//.test(target)) found.push(`${relative(root, file)} → ${spec}`);
          if (half === 'common' && target.startsWith('lib/extract/page/'))
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

/** Every module of ours a file reaches through its static imports (type-only imports count too: harmless). */
function reached(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const spec of importsOf(file)) {
      const base = spec.startsWith('@/')
        ? join(root, spec.slice(2))
        : spec.startsWith('.')
          ? resolve(file, '..', spec)
          : null;
      if (!base) continue;
      const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find(
        (f) => existsSync(f) && f.match(/\.tsx?$/),
      );
      if (found) visit(found);
    }
  };
  visit(entry);
  return seen;
}

describe('the walls around the secrets', () => {
  it('no extension page loads the module that reads the saved accounts', () => {
    for (const page of ['entrypoints/popup/main.tsx', 'entrypoints/options/main.tsx', 'components/Popup.tsx']) {
      const modules = [...reached(join(root, page))].map((f) => relative(root, f));
      expect(modules.filter((m) => m === 'lib/accounts.ts' || m.startsWith('lib/background/'))).toEqual([]);
    }
  });
});
