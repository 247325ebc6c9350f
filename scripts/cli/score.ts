// npm run score [-- --verbose] [-- real|conformance|synthetic]: the extraction's precision, recall and F1 per
// field, each corpus on its own. Only the real corpus (pages saved from the live web by others) is evidence of
// quality; the conformance suites check the structured-data readers; the synthetic pages are ours.
import { existsSync } from 'node:fs';
import { CORPORA, FIELDS, type PageScore, scoreCorpus, totals } from '../common/corpus';

export const TARGETS: Record<keyof typeof CORPORA, Partial<Record<string, number>>> = {
  real: { emails: 0.97, phones: 0.95, names: 0.9, company: 0.8, title: 0.7 },
  conformance: { emails: 0.99, phones: 0.99, names: 0.99, company: 0.99, title: 0.99 },
  synthetic: { emails: 0.97, phones: 0.95, names: 0.9, pairing: 0.9 },
};

const verbose = process.argv.includes('--verbose');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const pct = (n: number) => n.toFixed(3);

for (const [name, dir] of Object.entries(CORPORA) as Array<[keyof typeof CORPORA, string]>) {
  if ((only.length > 0 && !only.includes(name)) || !existsSync(dir)) continue;
  const scores = await scoreCorpus(dir);
  report(name, scores);
}

function report(name: keyof typeof CORPORA, scores: PageScore[]): void {
  const sum = totals(scores);
  const targets = TARGETS[name];
  console.log(`\n## ${name}: ${scores.length} pages (${CORPORA[name]})\n`);
  console.log('| field | precision | recall | F1 | target | tp | fp | fn |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const field of FIELDS) {
    const t = sum[field];
    if (t.tp + t.fp + t.fn === 0) continue;
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
}
