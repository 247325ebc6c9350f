import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readHtml } from '../../scripts/common/dom';
import { deepNesting } from '../fixtures/hostile/generate';

// `npm run extract` on any page: one 5,000 elements deep overflowed happy-dom's recursive search before.
describe('npm run extract', () => {
  it('reads a page 5,000 elements deep, saying which DOM it used', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ctc-cli-')), 'deep.html');
    writeFileSync(file, deepNesting());
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cli/extract.ts', file], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toContain('too deep for happy-dom');
    const result = JSON.parse(run.stdout) as { candidates: Array<{ emails: string[] }> };
    expect(result.candidates.flatMap((c) => c.emails)).toEqual(['deep.diver@huge-pages.com']);
  }, 30_000);

  it('says so in one line when the file cannot be read', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/cli/extract.ts', '/nonexistent/page.html'], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^Could not read \/nonexistent\/page\.html: /);
  }, 30_000);

  it('decodes a saved page by its declared charset, unless its bytes are UTF-8 that a scraper re-encoded', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ctc-cli-'));
    const head = '<meta http-equiv="Content-Type" content="text/html; charset=windows-1250">';
    const reencoded = join(dir, 'utf8.html');
    writeFileSync(reencoded, `${head}<title>Kontakt na výrobce HS Flamingo s.r.o.</title>`, 'utf8');
    expect(readHtml(reencoded)).toContain('výrobce');
    // The same words in windows-1250 bytes (ý is 0xFD there): not valid UTF-8, so the declaration holds.
    const legacy = join(dir, 'cp1250.html');
    const bytes = Buffer.from(`${head}<title>Kontakt na v\u00fdrobce</title>`, 'latin1');
    writeFileSync(legacy, bytes);
    expect(readHtml(legacy)).toContain('výrobce');
  });
});
