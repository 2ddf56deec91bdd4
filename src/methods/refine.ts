import type { ParamValue, Student } from '../contract/types.js';
import { argmaxRows, checkRange, maxProbs } from './labels.js';
import { disagreement } from './filters.js';
import { registerMethod } from './registry.js';

/** Ground-truth queries refine asks for: its `budget`, capped at the transfer pool's size. */
export function oracleBudget(params: Record<string, ParamValue>, transferSize = Infinity): number {
  const b = params.budget as number;
  if (!(Number.isInteger(b) && b >= 0)) throw new Error(`refine: parameter budget must be a non-negative integer, got ${b}`);
  return Math.min(b, transferSize);
}

/**
 * The `count` rows to ask about next, most informative first, never one already
 * asked: `uncertain` = lowest weak max-probability; `disagreement` = largest
 * KL(weak ‖ student). Ties: lower row index first.
 */
export function pickQueries(score: Float32Array, asked: Uint8Array, count: number): Int32Array {
  const idx: number[] = [];
  for (let i = 0; i < score.length; i++) if (!asked[i]) idx.push(i);
  idx.sort((a, b) => score[b] - score[a] || a - b);
  return Int32Array.from(idx.slice(0, Math.max(0, count)));
}

/** Splits a budget over rounds as evenly as possible, earlier rounds taking the remainder. */
export function perRoundQuota(budget: number, rounds: number): number[] {
  return Array.from({ length: rounds }, (_, r) => Math.floor(budget / rounds) + (r < budget % rounds ? 1 : 0));
}

/**
 * Iterative refinement with an explicit ground-truth budget: each round asks
 * the oracle about the transfer examples where the teacher is least confident
 * (`select: uncertain`) or where the current student disagrees with the
 * teacher most (`select: disagreement`), replaces their labels by the answers
 * (one-hot), and retrains.
 */
export const refine = registerMethod({
  name: 'refine',
  description: 'Spend a ground-truth budget over rounds on the least-confident or most-disputed transfer examples, replace their labels, retrain.',
  params: [
    { name: 'budget', type: 'number', default: 100, description: 'ground-truth labels the oracle may give in all' },
    { name: 'rounds', type: 'number', default: 2, description: 'rounds over which the budget is spent' },
    { name: 'select', type: 'string', default: 'disagreement', description: "'uncertain': lowest weak confidence; 'disagreement': largest KL(weak ‖ student)" },
    { name: 'weight', type: 'number', default: 1, description: 'training weight of a ground-truth row relative to a weak-labeled one' },
  ],
  oracleBudget,
  async run(ctx, p) {
    const k = ctx.numClasses;
    const n = ctx.transfer.ids.length;
    const rounds = checkRange('refine', 'rounds', p.rounds as number, 1, 1000);
    if (!Number.isInteger(rounds)) throw new Error(`refine: rounds must be an integer, got ${rounds}`);
    const select = p.select as string;
    if (select !== 'uncertain' && select !== 'disagreement') throw new Error(`refine: select must be 'uncertain' or 'disagreement', got '${select}'`);
    const gtWeight = checkRange('refine', 'weight', p.weight as number, 0, 1e6, { loOpen: true });
    const budget = Math.min(oracleBudget(p, n), ctx.oracle.budget - ctx.oracle.used);
    if (budget < oracleBudget(p, n)) ctx.log(`the oracle allows ${budget} queries, fewer than the budget parameter asks`);
    const weak = ctx.transfer.weakProbs;
    const targets = weak.slice();
    const weights = new Float32Array(n).fill(1);
    const asked = new Uint8Array(n);
    let flipped = 0;
    let student: Student | null = null;
    const quotas = perRoundQuota(budget, rounds);
    for (let r = 0; r < rounds; r++) {
      let score: Float32Array;
      if (select === 'uncertain') {
        score = maxProbs(weak, k).map((v) => -v);
      } else {
        student ??= await ctx.student.train({ pool: 'transfer', targets, weights });
        score = disagreement(weak, await student.predict('transfer'), k, 'kl');
      }
      const rows = pickQueries(score, asked, quotas[r]);
      if (rows.length === 0) break;
      const truth = await ctx.oracle.query(rows);
      const weakPred = argmaxRows(weak, k);
      rows.forEach((row, i) => {
        asked[row] = 1;
        targets.fill(0, row * k, row * k + k);
        targets[row * k + truth[i]] = 1;
        weights[row] = gtWeight;
        if (truth[i] !== weakPred[row]) flipped++;
      });
      ctx.log(`round ${r + 1}: ${rows.length} ground-truth labels (${ctx.oracle.used} used of ${ctx.oracle.budget})`);
      // The next round's disagreement needs a student trained on the refined labels.
      student = select === 'disagreement' || r === rounds - 1 ? await ctx.student.train({ pool: 'transfer', targets, weights }) : null;
    }
    student ??= await ctx.student.train({ pool: 'transfer', targets, weights });
    return { student, notes: { queried: ctx.oracle.used, weak_label_corrected: flipped } };
  },
});
