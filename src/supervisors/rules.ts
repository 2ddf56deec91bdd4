import type { LabelingFunction } from '../methods/labeling-functions.js';
import type { Supervisor, SupervisorInput } from './types.js';

/**
 * Heuristic rules as a supervisor: each labeling function votes or abstains;
 * an example's probabilities are the vote shares, smoothed by `smoothing`
 * pseudo-votes per class (all abstain → uniform).
 */
export function rulesSupervisor(name: string, lfs: readonly LabelingFunction[], smoothing = 0.5): Supervisor {
  if (lfs.length === 0) throw new Error(`rules supervisor ${name}: no labeling functions`);
  return {
    name: `rules:${name}`,
    async label(examples: readonly SupervisorInput[], classes: readonly string[]) {
      const k = classes.length;
      const out = new Float32Array(examples.length * k);
      examples.forEach((e, i) => {
        const votes = new Float64Array(k).fill(smoothing);
        for (const lf of lfs) {
          const v = lf.apply(e.text ?? '');
          if (v >= 0 && v < k) votes[v] += 1;
        }
        const total = votes.reduce((a, b) => a + b, 0);
        for (let c = 0; c < k; c++) out[i * k + c] = votes[c] / total;
      });
      return out;
    },
  };
}
