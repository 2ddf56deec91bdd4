import { collectSupervisors, HARD_PARAM, singleSupervisorFallback } from './ensemble.js';
import { hardLabels } from './labels.js';
import { dawidSkene, logOddsWeights, votesFromProbs, weightedVote } from './label-model.js';
import { registerMethod } from './registry.js';

/** Weighted vote, each supervisor weighted by the log-odds of its accuracy as the label model estimates it (no ground truth). */
export const ensembleWeighted = registerMethod({
  name: 'ensemble_weighted',
  extraSupervisors: true,
  description: "Weighted vote of the weak supervisors; weights log((k-1)a/(1-a)) from each one's accuracy a estimated by a Dawid–Skene label model.",
  params: [HARD_PARAM],
  async run(ctx, p) {
    const k = ctx.numClasses;
    const sups = collectSupervisors(ctx, 'ensemble_weighted');
    if (sups.names.length === 1) return singleSupervisorFallback(ctx, 'ensemble_weighted', p.hard as boolean);
    const m = sups.names.length;
    const votes = votesFromProbs(sups.transfer, k);
    const lm = dawidSkene(votes, m, k);
    const weights = logOddsWeights(lm.accuracy, k);
    ctx.log(`weights: ${sups.names.map((s, j) => `${s}=${weights[j].toFixed(2)} (acc≈${lm.accuracy[j].toFixed(3)})`).join(', ')}`);
    const combined = weightedVote(votes, m, k, weights);
    const student = await ctx.student.train({ pool: 'transfer', targets: p.hard ? hardLabels(combined, k) : combined });
    return {
      student,
      notes: { supervisors: m, ...Object.fromEntries(sups.names.map((s, j) => [`accuracy_${s}`, lm.accuracy[j]])) },
    };
  },
});
