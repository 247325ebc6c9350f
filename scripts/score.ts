// npm run score [-- --verbose]: the extraction's precision, recall and F1 per field on the fixture corpus.
import { FIELDS, scoreCorpus, totals } from './corpus';

const verbose = process.argv.includes('--verbose');
const scores = await scoreCorpus();
const sum = totals(scores);
const targets: Partial<Record<string, number>> = { emails: 0.97, phones: 0.95, names: 0.9, pairing: 0.9 };
const pct = (n: number) => n.toFixed(3);
console.log(`Extraction on ${scores.length} fixture pages\n`);
console.log('| field | precision | recall | F1 | target | tp | fp | fn |');
console.log('|---|---|---|---|---|---|---|---|');
for (const field of FIELDS) {
  const t = sum[field];
  const target = targets[field];
  const mark = target === undefined ? '' : `≥ ${target} ${t.f1 >= target ? 'within' : 'OVER'}`;
  console.log(
    `| ${field} | ${pct(t.precision)} | ${pct(t.recall)} | ${pct(t.f1)} | ${mark} | ${t.tp} | ${t.fp} | ${t.fn} |`,
  );
}
const nonContacts = scores.flatMap((s) => s.nonContacts.map((n) => `${s.page}: ${n}`));
console.log(`\nNon-contacts in the output: ${nonContacts.length}`);
if (verbose) {
  for (const s of scores) if (s.misses.length > 0) console.log(`\n${s.page}\n  ${s.misses.join('\n  ')}`);
} else if (nonContacts.length > 0) console.log(`  ${nonContacts.join('\n  ')}`);
