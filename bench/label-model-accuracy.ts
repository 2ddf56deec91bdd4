/**
 * `npx tsx bench/label-model-accuracy.ts [--tasks spam] [--seeds 5] [--cache DIR] [--student finetune|probe] [--smoothing 0.01] [--dependencies learn|off] [--bins 1,3,5]`
 *
 * How well the label model estimates the supervisors' accuracies on a task's
 * real supervisors (the weak model, its bootstrap refits, the labeling
 * functions): each run's method queries the oracle for every transfer label —
 * which no real method may do — to measure each supervisor's accuracy where it
 * votes, and compares the label model's estimates, fitted without labels, with
 * and without the declared sources (without: every supervisor independent),
 * and as the label model's dependency search leaves them (`--dependencies off`: blocks independent).
 * Prints one JSON line per task and seed and a summary line per task: mean and
 * largest absolute error over supervisors, and the posterior's accuracy (the fit's
 * and the tempered one, label-model-posterior.ts); each
 * supervisor's votes on transfer and its measured accuracy's 95% (Wilson)
 * interval, and in the summary every estimate off by more than 0.05. `--bins`
 * also fits the graded model (confidence bins per block, `ensemble_labelmodel`'s
 * `bins`) at each count listed and prints its posterior's accuracy.
 */
import { parseArgs } from 'node:util';
import '../src/methods/index.js';
import { collectSupervisors } from '../src/methods/ensemble.js';
import { dawidSkene } from '../src/methods/label-model.js';
import { temperedPosterior } from '../src/methods/label-model-posterior.js';
import { registerMethod } from '../src/methods/registry.js';
import { voteConfidence, votesFromProbs } from '../src/methods/votes.js';
import { runExperiment } from '../src/protocol/run.js';
import { parseStudentKind } from '../src/models/student-kind.js';

const { values } = parseArgs({
  options: {
    tasks: { type: 'string', default: 'spam' },
    seeds: { type: 'string', default: '5' },
    cache: { type: 'string', default: '/work/w2s-cache' },
    // How the weak model, its refits and the student train (default: the run's own default for the task).
    student: { type: 'string' },
    smoothing: { type: 'string', default: '0.01' },
    dependencies: { type: 'string', default: 'learn' },
    bins: { type: 'string', default: '1' },
  },
});

interface Check { names: string[]; truth: number[]; votes: number[]; withSources: number[]; independent: number[]; posteriorAcc: number; temperedAcc: number; independentPosteriorAcc: number; byBins: Record<string, number> }
let last: Check | undefined;
let dependent: string[] = [];

registerMethod({
  name: 'labelmodel_accuracy_check',
  description: 'bench only: measures the label model’s accuracy estimates against the transfer labels (queries them all)',
  params: [],
  extraSupervisors: true,
  oracleBudget: (_p, n) => n,
  async run(ctx) {
    const k = ctx.numClasses;
    const sups = collectSupervisors(ctx, 'labelmodel_accuracy_check');
    const m = sups.names.length;
    const n = ctx.transfer.ids.length;
    const votes = votesFromProbs(sups.transfer, k);
    const labels = await ctx.oracle.query(Int32Array.from({ length: n }, (_, i) => i));
    const voted = new Array<number>(m).fill(0);
    const truth = sups.names.map((_, j) => {
      let right = 0;
      for (let i = 0; i < n; i++) {
        const v = votes[i * m + j];
        if (v < 0) continue;
        voted[j]++;
        right += v === labels[i] ? 1 : 0;
      }
      return right / voted[j];
    });
    const smoothing = Number(values.smoothing);
    const dependencies = values.dependencies !== 'off';
    const grouped = dawidSkene(votes, m, k, { sources: sups.sources, smoothing, dependencies });
    const independent = dawidSkene(votes, m, k, { smoothing, dependencies: false });
    dependent = grouped.dependent.map((g) => g.map((j) => sups.names[j]).join('+'));
    const postAcc = (p: Float32Array) => labels.reduce((a, y, i) => a + (p[i * k + y] >= Math.max(...p.subarray(i * k, i * k + k)) ? 1 : 0), 0) / n;
    const confidence = voteConfidence(sups.transfer, votes, k);
    const byBins = Object.fromEntries(values.bins.split(',').map((b) => [b, postAcc(dawidSkene(votes, m, k, { sources: sups.sources, smoothing, dependencies, grading: { confidence, bins: Number(b) } }).posterior)]));
    last = {
      names: sups.names, truth, votes: voted, withSources: [...grouped.accuracy], independent: [...independent.accuracy],
      posteriorAcc: postAcc(grouped.posterior), temperedAcc: postAcc(temperedPosterior(votes, m, k, grouped)), independentPosteriorAcc: postAcc(independent.posterior), byBins,
    };
    return { student: await ctx.student.train({ pool: 'transfer', targets: grouped.posterior }) };
  },
});

const err = (est: number[], truth: number[]) => est.map((e, j) => Math.abs(e - truth[j]));
/** Wilson 95% interval of an accuracy measured on `n` votes: how precisely the transfer rows pin the truth down. */
function wilson(p: number, n: number): [number, number] {
  const z = 1.96;
  const d = 1 + (z * z) / n;
  const c = (p + (z * z) / (2 * n)) / d;
  const h = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / d;
  return [c - h, c + h];
}
const beyond: { seed: number; supervisor: string; votes: number; truth: number; estimate: number; error: number; inside_truth_ci: boolean }[] = [];
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
for (const task of values.tasks.split(',')) {
  const rows: { mean: number; max: number; meanIndependent: number; maxIndependent: number; post: number; tempered: number; postIndependent: number; byBins: Record<string, number> }[] = [];
  for (let seed = 0; seed < Number(values.seeds); seed++) {
    await runExperiment({ source: { task }, method: 'labelmodel_accuracy_check', seed, ...(values.student ? { student: parseStudentKind(values.student) } : {}) }, { cacheDir: values.cache, threads: 1, sandbox: 'off' });
    const c = last!;
    const e = err(c.withSources, c.truth);
    const ei = err(c.independent, c.truth);
    rows.push({ mean: mean(e), max: Math.max(...e), meanIndependent: mean(ei), maxIndependent: Math.max(...ei), post: c.posteriorAcc, tempered: c.temperedAcc, postIndependent: c.independentPosteriorAcc, byBins: c.byBins });
    const r3 = (x: number) => +x.toFixed(3);
    c.names.forEach((name, j) => {
      if (e[j] <= 0.05) return;
      const [lo, hi] = wilson(c.truth[j], c.votes[j]);
      beyond.push({ seed, supervisor: name, votes: c.votes[j], truth: r3(c.truth[j]), estimate: r3(c.withSources[j]), error: r3(e[j]), inside_truth_ci: c.withSources[j] >= lo && c.withSources[j] <= hi });
    });
    console.log(JSON.stringify({
      task, seed, dependent,
      supervisors: Object.fromEntries(c.names.map((s, j) => [s, { votes: c.votes[j], truth: r3(c.truth[j]), truth_ci: wilson(c.truth[j], c.votes[j]).map(r3), estimate: r3(c.withSources[j]), independent: r3(c.independent[j]) }])),
      mean_abs_error: r3(mean(e)), max_abs_error: r3(Math.max(...e)), mean_abs_error_independent: r3(mean(ei)), max_abs_error_independent: r3(Math.max(...ei)),
      posterior_accuracy: r3(c.posteriorAcc), tempered_posterior_accuracy: r3(c.temperedAcc), posterior_accuracy_independent: r3(c.independentPosteriorAcc),
      posterior_accuracy_by_bins: Object.fromEntries(Object.entries(c.byBins).map(([b, a]) => [b, r3(a)])),
    }));
  }
  const agg = (f: (r: (typeof rows)[number]) => number) => +mean(rows.map(f)).toFixed(3);
  console.log(JSON.stringify({
    task, seeds: rows.length, summary: true,
    mean_abs_error: agg((r) => r.mean), max_abs_error_worst_seed: +Math.max(...rows.map((r) => r.max)).toFixed(3),
    mean_abs_error_independent: agg((r) => r.meanIndependent), max_abs_error_independent_worst_seed: +Math.max(...rows.map((r) => r.maxIndependent)).toFixed(3),
    posterior_accuracy: agg((r) => r.post), tempered_posterior_accuracy: agg((r) => r.tempered), posterior_accuracy_independent: agg((r) => r.postIndependent),
    posterior_accuracy_by_bins: Object.fromEntries(values.bins.split(',').map((b) => [b, agg((r) => r.byBins[b])])),
    // Every estimate off by more than 0.05, with the votes behind its truth and whether it lies inside the truth's 95% interval.
    beyond_0_05: beyond.splice(0),
  }));
}
