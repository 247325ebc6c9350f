// npm run lint:firefox: Mozilla's add-on linter on the Firefox production build. Fails on any error, and on any
// warning not explained in the README ("Firefox lint").
import { execFileSync } from 'node:child_process';

const EXPLAINED = [
  // Preact's renderer has a code path for dangerouslySetInnerHTML; no component of ours uses it.
  { code: 'UNSAFE_VAR_ASSIGNMENT', file: /^chunks\/styles-[\w-]+\.js$/ },
];

let output;
try {
  output = execFileSync('npx', ['web-ext', 'lint', '--source-dir', '.output/firefox-mv3', '--output', 'json'], {
    encoding: 'utf8',
  });
} catch (error) {
  output = error.stdout;
}
const report = JSON.parse(output);
const unexplained = report.warnings.filter(
  (w) => !EXPLAINED.some((e) => e.code === w.code && e.file.test(w.file ?? '')),
);
for (const item of [...report.errors, ...unexplained]) console.log(`${item.code} ${item.file ?? ''}: ${item.message}`);
console.log(
  `web-ext lint: ${report.errors.length} errors, ${report.warnings.length} warnings (${report.warnings.length - unexplained.length} explained), ${report.notices.length} notices`,
);
if (report.errors.length > 0 || unexplained.length > 0) process.exit(1);
