/**
 * Posteriors over the true classes from a fitted label model (pure).
 *
 * The fit's own posterior (`LabelModel.posterior`) reads each block's outcome
 * through the block's table: a declared source's plurality vote and how many
 * members cast it, and sets found dependent as one joint outcome. The tempered
 * posterior reads every supervisor through its own fitted table instead, votes
 * and abstentions alike, and raises the tables of the g supervisors that share a
 * source to the power 1/g, so the source counts as one supervisor: g identical
 * copies give exactly one copy's evidence, and copies that disagree give the
 * geometric mean of theirs. The tables are the fit's (they come from its
 * posterior), so what the fit learnt about correlated supervisors shapes them.
 */
import { sourceShares } from './ensemble.js';
import type { LabelModel } from './label-model.js';
import { checkVotes } from './votes.js';

/** Floor on a table cell before its log, so a cell the fit left at zero cannot veto a class. */
const MIN_CELL = 1e-9;

/**
 * P(class | votes) ∝ π_c · Π_j P_j(vote_ij | c)^(1/g_j), [n, k], with P_j supervisor j's
 * fitted table (`LabelModel.confusion`, abstention its last column) and g_j the number
 * of supervisors in j's block (`LabelModel.blocks`).
 */
export function temperedPosterior(votes: Int32Array, m: number, k: number, model: Pick<LabelModel, 'confusion' | 'prior' | 'blocks'>): Float32Array {
  const n = checkVotes(votes, m, k, 'tempered posterior');
  if (model.blocks.length !== m || model.confusion.length !== m * k * (k + 1) || model.prior.length !== k) {
    throw new Error(`tempered posterior: the label model was fitted to other supervisors or classes (${model.blocks.length} supervisors, ${model.prior.length} classes; the votes have ${m} and ${k})`);
  }
  const share = sourceShares(model.blocks);
  const logPrior = Float64Array.from(model.prior, (p) => Math.log(Math.max(MIN_CELL, p)));
  const logTable = Float64Array.from(model.confusion, (p) => Math.log(Math.max(MIN_CELL, p)));
  const out = new Float32Array(n * k);
  const score = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    score.set(logPrior);
    for (let j = 0; j < m; j++) {
      const v = votes[i * m + j];
      const col = v < 0 ? k : v;
      for (let c = 0; c < k; c++) score[c] += share[j] * logTable[(j * k + c) * (k + 1) + col];
    }
    let top = -Infinity;
    for (let c = 0; c < k; c++) top = Math.max(top, score[c]);
    let z = 0;
    for (let c = 0; c < k; c++) z += Math.exp(score[c] - top);
    for (let c = 0; c < k; c++) out[i * k + c] = Math.exp(score[c] - top) / z;
  }
  return out;
}
