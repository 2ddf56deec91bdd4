import { collectSupervisors, HARD_PARAM, singleSupervisorFallback } from './ensemble.js';
import { hardLabels } from './labels.js';
import { majorityVote, votesFromProbs } from './votes.js';
import { registerMethod } from './registry.js';

/** Unweighted combination of the weak supervisors. */
export const ensembleVote = registerMethod({
  name: 'ensemble_vote',
  extraSupervisors: true,
  description: 'Combine the weak supervisor with the extra supervisors by majority vote (vote shares) or by averaging their probabilities.',
  params: [
    { name: 'soft', type: 'boolean', default: false, description: "average the supervisors' probabilities instead of counting argmax votes (abstentions skipped either way)" },
    HARD_PARAM,
  ],
  async run(ctx, p) {
    const k = ctx.numClasses;
    const sups = collectSupervisors(ctx, 'ensemble_vote');
    if (sups.names.length === 1) return singleSupervisorFallback(ctx, 'ensemble_vote', p.hard as boolean);
    const votes = votesFromProbs(sups.transfer, k);
    const combined = p.soft ? averageProbs(sups.transfer, votes, k) : majorityVote(votes, sups.names.length, k);
    ctx.log(`combined ${sups.names.length} supervisors: ${sups.names.join(', ')}`);
    const student = await ctx.student.train({ pool: 'transfer', targets: p.hard ? hardLabels(combined, k) : combined });
    return { student, notes: { supervisors: sups.names.length } };
  },
});

/** Mean of the non-abstaining supervisors' probability rows; uniform where all abstain. */
export function averageProbs(probs: readonly Float32Array[], votes: Int32Array, k: number): Float32Array {
  const m = probs.length;
  const n = votes.length / m;
  const out = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    let count = 0;
    for (let j = 0; j < m; j++) {
      if (votes[i * m + j] < 0) continue;
      count++;
      for (let c = 0; c < k; c++) out[i * k + c] += probs[j][i * k + c];
    }
    for (let c = 0; c < k; c++) out[i * k + c] = count ? out[i * k + c] / count : 1 / k;
  }
  return out;
}
