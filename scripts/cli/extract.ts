// npm run extract -- <file.html|url> [--region CC]: the extension's extraction on a DOM built in Node.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CaptureResultSchema } from '../../lib/capture-result';
import { finishCapture } from '../../lib/extract/extension/finish';
import { markupEntities } from '../../lib/extract/extension/markup';
import type { RawCapture } from '../../lib/extract/page';
import { extractPage } from '../../lib/extract/page';
import { linkedomPage, NODE_LIMITS, parsePage, readHtml } from '../common/dom';

const args = process.argv.slice(2);
const regionAt = args.indexOf('--region');
const region = regionAt >= 0 ? (args[regionAt + 1] ?? '').toUpperCase() : null;
const target = args.find((a, i) => !a.startsWith('--') && (regionAt < 0 || i !== regionAt + 1));
if (!target || (region !== null && !/^[A-Z]{2}$/.test(region))) {
  process.stderr.write('usage: npm run extract -- <file.html|url> [--region CC]\n');
  process.exit(2);
}

const isUrl = /^https?:\/\//i.test(target);
let html: string;
try {
  html = isUrl ? await (await fetch(target)).text() : readHtml(resolve(target));
} catch (error) {
  process.stderr.write(`Could not read ${target}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
const url = isUrl ? target : pathToFileURL(resolve(target)).href;
let raw: RawCapture;
try {
  raw = await readWith(parsePage(html, url));
} catch (error) {
  if (!(error instanceof RangeError)) throw error;
  // happy-dom searches the tree recursively: a page thousands of elements deep overflows the stack. linkedom
  // walks it in a loop; it has no style cascade, so text hidden only by a stylesheet is read as visible.
  process.stderr.write(
    'This page nests its elements too deep for happy-dom; reading it with linkedom instead (stylesheets ignored).\n',
  );
  raw = await readWith(linkedomPage(html, url));
}
const result = CaptureResultSchema.parse(
  finishCapture(raw, { region, markup: markupEntities(raw.snapshots, raw.url) }),
);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);

async function readWith(page: { document: Document; close: () => Promise<void> }): Promise<RawCapture> {
  try {
    return extractPage(page.document, { limits: NODE_LIMITS });
  } finally {
    await page.close();
  }
}
