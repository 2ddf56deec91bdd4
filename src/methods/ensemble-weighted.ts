import { collectSupervisors, describeSupervisors, HARD_PARAM, singleSupervisorFallback, sourceShares } from './ensemble.js';
import { hardLabels } from './labels.js';
import { dawidSkene } from './label-model.js';
import { logOddsWeights, votesFromProbs, weightedVote } from './votes.js';
import { registerMethod } from './registry.js';

/**
 * Weighted vote, each supervisor weighted by the log-odds of its accuracy as
 * the label model estimates it (no ground truth); supervisors that share a
 * source split one supervisor's weight between them, so copies do not outvote.
 */
export const ensembleWeighted = registerMethod({
  name: 'ensemble_weighted',
  extraSupervisors: true,
  description:
    "Weighted vote of the weak supervisors; weights log((k-1)a/(1-a)) from each one's accuracy a estimated by the label model, shared within a source (bootstrap refits of one model).",
  params: [HARD_PARAM],
  async run(ctx, p) {
    const k = ctx.numClasses;
    const sups = collectSupervisors(ctx, 'ensemble_weighted');
    if (sups.names.length === 1) return singleSupervisorFallback(ctx, 'ensemble_weighted', p.hard as boolean);
    const m = sups.names.length;
    const votes = votesFromProbs(sups.transfer, k);
    const lm = dawidSkene(votes, m, k, { sources: sups.sources });
    const weights = sourceWeights(lm.accuracy, sups.sources, k);
    ctx.log(`weights: ${describeSupervisors(sups, (j) => `${weights[j].toFixed(2)} (acc≈${lm.accuracy[j].toFixed(3)})`)}`);
    const combined = weightedVote(votes, m, k, weights);
    const student = await ctx.student.train({ pool: 'transfer', targets: p.hard ? hardLabels(combined, k) : combined });
    return {
      student,
      notes: { supervisors: m, sources: new Set(sups.sources).size, ...Object.fromEntries(sups.names.map((s, j) => [`accuracy_${s}`, lm.accuracy[j]])) },
    };
  },
});

/** Log-odds weight of each supervisor's accuracy, divided among the supervisors sharing its source. */
export function sourceWeights(accuracy: ArrayLike<number>, sources: Int32Array, k: number): Float64Array {
  const shares = sourceShares(sources);
  return logOddsWeights(accuracy, k).map((w, j) => w * shares[j]);
}
