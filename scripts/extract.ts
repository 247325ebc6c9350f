// npm run extract -- <file.html|url> [--region CC]: the extension's extraction on a DOM built in Node.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CaptureResultSchema } from '../lib/capture-result';
import { extractPage } from '../lib/extract';
import { finishCapture } from '../lib/extract/finish';
import { NODE_LIMITS } from './corpus';
import { parsePage } from './dom';

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
  html = isUrl ? await (await fetch(target)).text() : await readFile(target, 'utf8');
} catch (error) {
  process.stderr.write(`Could not read ${target}: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
const url = isUrl ? target : pathToFileURL(resolve(target)).href;
const page = parsePage(html, url);
const result = CaptureResultSchema.parse(
  finishCapture(extractPage(page.document, { limits: NODE_LIMITS }), { region }),
);
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
await page.close();
