/**
 * `npx tsx bench/label-model-targets.ts [--task spam] [--seeds 0,1,2,3,4] [--variants lm,wv,nodep,pooled,lm_hard,mix] [--cache DIR]`
 *
 * Which targets built from the label model's fit make the best students
 * (docs/methods.md). Per seed, a bench-only method reads every transfer label —
 * which no real method may do — to score each target's transfer accuracy,
 * calibration and NLL (printed with the seed's first variant), and trains the
 * run's default student on the variant asked for: `lm` the posterior
 * (ensemble_labelmodel), `nodep` the posterior without the dependency search,
 * `wv` the weighted vote (ensemble_weighted), `pooled` the tempered posterior
 * (`--param posterior=tempered`: every supervisor's fitted table multiplied in,
 * a source sharing one vote), `lm_hard` the posterior's argmax,
 * `mix` its mean with the weak model's probabilities, `weak` the weak labels.
 * Two bounds that no method can reach, for reading the others: `oracle_votes`
 * takes the true label wherever any supervisor's vote (soft ones by their
 * argmax) gives it and the weak label elsewhere — the best hard labels any
 * combination of these votes can give; `oracle_lfs` the same from the
 * supervisors outside the weak model's source only (its refits left out); `fix25`/`fix50` correct a seeded random
 * quarter or half of the weak model's wrong labels — how a student turns
 * label accuracy into PGR.
 * A variant may end in `_conf` (each row weighted by the target's margin),
 * `_top90` (the 90% of rows the target is surest of) or `_logconf` (the
 * auxiliary-confidence loss at the paper's alpha 0.5): how the student learns
 * the target rather than which target (`lm_conf`, `nodep_logconf`, …).
 * Students train their rows in content order (src/models/row-order.ts), so every
 * variant's student draws the same batches on a seed: two variants differ by their
 * targets alone, and the same targets give the same student under any variant name.
 * One JSON line per seed and variant: weak, ceiling, transfer accuracy on test and PGR.
 */
import { parseArgs } from 'node:util';
import '../src/methods/index.js';
import { collectSupervisors } from '../src/methods/ensemble.js';
import { dawidSkene } from '../src/methods/label-model.js';
import { temperedPosterior } from '../src/methods/label-model-posterior.js';
import { registerMethod } from '../src/methods/registry.js';
import { votesFromProbs, weightedVote } from '../src/methods/votes.js';
import { sourceWeights } from '../src/methods/ensemble-weighted.js';
import { argmaxRows, hardLabels, maxProbs, takeRows } from '../src/methods/labels.js';
import { runExperiment } from '../src/protocol/run.js';
import { Rng } from '../src/util/rng.js';
import { logconfLoss, logconfWeight } from '../src/methods/logconf.js';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '0,1,2,3,4' }, variants: { type: 'string', default: 'lm,wv,nodep,pooled' }, cache: { type: 'string', default: '.w2s/cache' }, task: { type: 'string', default: 'spam' } } });
let diag: Record<string, unknown> = {};
registerMethod({
  name: 'labelmodel_targets_check', description: 'bench only: trains on one of several targets from the label model’s fit and scores them all against the transfer labels (queries them all)', extraSupervisors: true, oracleBudget: (_p, n) => n,
  params: [{ name: 'variant', type: 'string', default: 'lm', description: '' }],
  async run(ctx, p) {
    const k = ctx.numClasses;
    const sups = collectSupervisors(ctx, 'labelmodel_targets_check');
    const m = sups.names.length; const n = ctx.transfer.ids.length;
    const votes = votesFromProbs(sups.transfer, k);
    const lm = dawidSkene(votes, m, k, { sources: sups.sources });
    const wv = weightedVote(votes, m, k, sourceWeights(lm.accuracy, sups.sources, k));
    const weak = ctx.transfer.weakProbs;
    const mix = lm.posterior.map((v, i) => 0.5 * v + 0.5 * weak[i]);
    const pooled = temperedPosterior(votes, m, k, lm);
    const nodep = dawidSkene(votes, m, k, { sources: sups.sources, dependencies: false }).posterior;
    const labels = await ctx.oracle.query(Int32Array.from({ length: n }, (_, i) => i));
    const weakHard = hardLabels(weak, k); const weakArgmax = argmaxRows(weak, k);
    const oneHot = (t: Float32Array, i: number, c: number) => { t.fill(0, i * k, i * k + k); t[i * k + c] = 1; };
    const oracleVotes = weakHard.slice();
    const oracleLfs = weakHard.slice();
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++) {
        if (votes[i * m + j] !== labels[i]) continue;
        oneHot(oracleVotes, i, labels[i]);
        if (sups.sources[j] !== sups.sources[0]) oneHot(oracleLfs, i, labels[i]);
      }
    }
    const weakWrong = Array.from({ length: n }, (_, i) => i).filter((i) => weakArgmax[i] !== labels[i]);
    const fix = (fraction: number) => {
      const t = weakHard.slice(); const order = weakWrong.slice(); new Rng(ctx.seed * 7919 + 17).shuffle(order);
      for (const i of order.slice(0, Math.round(fraction * order.length))) oneHot(t, i, labels[i]);
      return t;
    };
    const targets: Record<string, Float32Array> = { pooled, nodep, lm: lm.posterior, wv, lm_hard: hardLabels(lm.posterior, k), wv_hard: hardLabels(wv, k), mix, weak, weak_hard: weakHard, oracle_votes: oracleVotes, oracle_lfs: oracleLfs, fix25: fix(0.25), fix50: fix(0.5) };
    const stats = (t: Float32Array) => {
      let right = 0, confR = 0, confW = 0, nW = 0, ce = 0;
      for (let i = 0; i < n; i++) {
        const row = t.subarray(i * k, i * k + k); let a = 0; for (let c = 1; c < k; c++) if (row[c] > row[a]) a = c;
        const mx = row[a];
        if (a === labels[i]) { right++; confR += mx; } else { nW++; confW += mx; }
        ce -= Math.log(Math.max(1e-6, row[labels[i]]));
      }
      return { acc: +(right / n).toFixed(4), conf_right: +(confR / Math.max(1, right)).toFixed(3), conf_wrong: +(confW / Math.max(1, nW)).toFixed(3), nll: +(ce / n).toFixed(3) };
    };
    diag = Object.fromEntries(Object.entries(targets).map(([name, t]) => [name, stats(t)]));
    // Against the weak labels: rows a target fixes (weak wrong, target right) and breaks (weak right, target wrong).
    for (const [name, t] of Object.entries(targets)) {
      const chosenArgmax = argmaxRows(t, k);
      let fixed = 0, broken = 0;
      for (let i = 0; i < n; i++) {
        const w = weakArgmax[i] === labels[i], r = chosenArgmax[i] === labels[i];
        if (!w && r) fixed++; else if (w && !r) broken++;
      }
      Object.assign(diag[name] as object, { fixed, broken });
    }
    diag.supervisors = sups.names.map((s, j) => {
      let fires = 0, right = 0;
      for (let i = 0; i < n; i++) { const v = votes[i * m + j]; if (v >= 0) { fires++; if (v === labels[i]) right++; } }
      return `${s}: ${fires} votes, acc ${(right / Math.max(1, fires)).toFixed(3)}, est ${lm.accuracy[j].toFixed(3)}`;
    });
    // Suffixes that change how the student learns the target, not the target: `_conf` weights each row by
    // the target's margin (2·max − 1, binary), `_top90` keeps the 90% most confident rows, `_logconf` trains
    // with the auxiliary-confidence loss (alpha 0.5, warmup 0.2, balanced).
    const [base, how] = (p.variant as string).split(/_(?=conf$|top90$|logconf$)/);
    const chosen = targets[base];
    if (!chosen) throw new Error(`unknown variant "${String(p.variant)}"; use one of: ${Object.keys(targets).join(', ')}, each optionally with _conf, _top90 or _logconf`);
    const margin = maxProbs(chosen, k).map((mx) => (k * mx - 1) / (k - 1));
    if (how === 'conf') return { student: await ctx.student.train({ pool: 'transfer', targets: chosen, weights: margin }) };
    if (how === 'top90') {
      const cut = Float32Array.from(margin).sort()[Math.floor(0.1 * n)];
      const rows = Int32Array.from(Array.from({ length: n }, (_, i) => i).filter((i) => margin[i] >= cut));
      return { student: await ctx.student.train({ pool: 'transfer', rows, targets: takeRows(chosen, k, rows) }) };
    }
    if (how === 'logconf') return { student: await ctx.student.train({ pool: 'transfer', targets: chosen, loss: logconfLoss(k, k === 2), scalars: { names: ['c'], at: (step, total) => ({ c: logconfWeight(step, total, 0.5, 0.2) }) } }) };
    return { student: await ctx.student.train({ pool: 'transfer', targets: chosen }) };
  },
});
const variants = values.variants.split(',');
for (const seed of values.seeds.split(',').map(Number)) {
  for (const variant of variants) {
    const r = await runExperiment({ source: { task: values.task }, method: 'labelmodel_targets_check', methodParams: { variant }, seed }, { cacheDir: values.cache, threads: 1, sandbox: 'off' });
    const t = r.metrics.test;
    console.log(JSON.stringify({ seed, variant, weak: t.weak_acc, ceiling: t.ceiling_acc, transfer: t.transfer_acc, pgr: +((t.transfer_acc - t.weak_acc) / (t.ceiling_acc - t.weak_acc)).toFixed(3), targets: variant === variants[0] ? diag : undefined }));
  }
}
