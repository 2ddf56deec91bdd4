/**
 * Paired comparison of two methods' stored runs on the same task, seeds and
 * test examples: ΔPGR (fixed baselines) with its 95% bootstrap interval —
 * the statistic `w2s bench methods` reports against vanilla, here against any
 * method (docs/research.md uses it for the research run's best method against
 * the best hand-written one).
 *
 *   npx tsx bench/research-compare.ts --store S.db --task spam --a offline_1_c007 --b ensemble_weighted --b vanilla
 *
 * It relabels B's runs as the baseline group of the lab's own summary, so the
 * interval is computed by exactly the code that computes ΔPGR vs vanilla.
 */
import { parseArgs } from 'node:util';
import '../src/methods/index.js';
import { loadRecords } from '../src/cli/records.js';
import { summarize } from '../src/protocol/summary.js';
import { openStore } from '../src/store/index.js';

const { values } = parseArgs({ options: { store: { type: 'string' }, task: { type: 'string' }, a: { type: 'string' }, b: { type: 'string', multiple: true }, samples: { type: 'string' } } });
if (!values.store || !values.task || !values.a || !values.b?.length) throw new Error('usage: --store S.db --task T --a METHOD --b METHOD [--b METHOD…]');
const store = openStore(values.store);
const samples = Number(values.samples ?? 2000);
const runs = loadRecords(store, { tasks: [values.task] });
const a = runs.filter((r) => r.method === values.a);
if (a.length === 0) throw new Error(`no runs of ${values.a} on ${values.task} in ${values.store}; methods there: ${[...new Set(runs.map((r) => r.method))].join(', ')}`);
const f = (i: { estimate: number; low: number; high: number } | undefined) => (i ? `${i.estimate.toFixed(3)} [${i.low.toFixed(3)}, ${i.high.toFixed(3)}]` : 'n/a');
for (const name of values.b) {
  const seeds = new Set(a.map((r) => r.seed));
  const b = runs.filter((r) => r.method === name && seeds.has(r.seed));
  if (b.length !== a.length) throw new Error(`${name} has runs on ${b.length} of ${values.a}'s ${a.length} seeds on ${values.task}`);
  const groups = summarize([...a.filter((r) => b.some((x) => x.seed === r.seed)), ...b.map((r) => ({ ...r, method: 'vanilla' }))], { samples, seed: 0 });
  const ga = groups.find((g) => g.method_name !== 'vanilla')!;
  const gb = groups.find((g) => g.method_name === 'vanilla')!;
  console.log(`${values.task}: ${values.a} PGR ${f(ga.pgr_fixed)}, ${name} PGR ${f(gb.pgr_fixed)}, Δ ${f(ga.pgr_vs_vanilla)} (${a.length} seeds, paired over seeds and test examples)`);
}
store.close();
