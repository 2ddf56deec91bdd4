/**
 * Which of the label model's blocks depend on each other given the class, learnt
 * from the votes alone; pure functions.
 *
 * Supervisors that share no declared source can still be dependent: a labeling
 * function that fires on the messages a weak model finds easy agrees with it more
 * often than the class explains, and a model that takes the two as independent
 * reads that agreement as accuracy (both are rated too high, and the supervisors
 * that disagree with them too low). Two blocks found dependent are modelled
 * jointly: their outcome is the pair of their outcomes, with one table
 * P(pair | class), as declared sources are.
 *
 * The search is greedy and scored by BIC (log-likelihood of the votes minus
 * ½·parameters·log n): at each step every pair of current sets is tried merged
 * (EM warm-started from the current posterior, a few dozen iterations), and the merge that raises the
 * score most is kept; it stops when none does, or when a merged set would have
 * more than `maxJointOutcomes` distinct outcomes. A table's parameters are
 * counted over the outcomes seen. This is Chow–Liu-like structure learning for a
 * latent-class model; Snorkel learns a dependency graph from the inverse
 * covariance of the votes instead (Varma et al. 2019). It needs supervisors left
 * independent of a dependent pair to tell dependence from accuracy: with two
 * blocks alone nothing is merged worth the parameters.
 */
import { fitBlocks, type BlockFit, type EmOptions } from './label-model-em.js';

export interface JointOutcomes {
  /** [n, G]: set g's outcome, numbered 0.. in order of first appearance. */
  outcomes: Int32Array;
  /** Distinct outcomes of each set, [G]. */
  sizes: number[];
}

/** The outcomes of sets of blocks, [n, G]: each set's tuple of its blocks' outcomes, renumbered over the tuples seen. */
export function jointOutcomes(outcomes: Int32Array, sizes: readonly number[], groups: readonly number[][]): JointOutcomes {
  const nb = sizes.length;
  const n = outcomes.length / nb;
  const ng = groups.length;
  const out = new Int32Array(n * ng);
  const counts = groups.map((g, s) => {
    const seen = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      let key = 0;
      for (const b of g) key = key * sizes[b] + outcomes[i * nb + b];
      if (!seen.has(key)) seen.set(key, seen.size);
      out[i * ng + s] = seen.get(key)!;
    }
    return seen.size;
  });
  return { outcomes: out, sizes: counts };
}

/** BIC of a fit: log-likelihood − ½ · (free parameters) · log n. */
export function bic(fit: BlockFit, sizes: readonly number[], k: number, n: number): number {
  const params = k - 1 + sizes.reduce((a, s) => a + k * (s - 1), 0);
  return fit.logLikelihood - 0.5 * params * Math.log(n);
}

export interface DependencySearch {
  /** The final fit, on the sets' joint outcomes. */
  fit: BlockFit;
  /** Sets of blocks modelled jointly (every block in one set), in order. */
  groups: number[][];
}

/** EM iterations at most (and tolerance 1e-4) when a candidate merge is scored; the merge kept is refitted in full. */
const TRIAL_ITERATIONS = 60;

/** Greedy BIC search for dependent blocks, from every block on its own; returns the fit on the sets it ends with. */
export function learnDependencies(
  outcomes: Int32Array, sizes: readonly number[], k: number, start: ArrayLike<number>,
  opts: EmOptions & { maxJointOutcomes?: number } = {},
): DependencySearch {
  const maxJoint = opts.maxJointOutcomes ?? 64;
  const n = outcomes.length / sizes.length;
  const trial = { ...opts, maxIter: Math.min(opts.maxIter ?? 500, TRIAL_ITERATIONS), tol: Math.max(opts.tol ?? 0, 1e-4) };
  let groups = sizes.map((_, b) => [b]);
  let joint = jointOutcomes(outcomes, sizes, groups);
  let fit = fitBlocks(joint.outcomes, joint.sizes, k, start, opts);
  let score = bic(fit, joint.sizes, k, n);
  for (;;) {
    let best: { score: number; groups: number[][]; joint: JointOutcomes; fit: BlockFit } | undefined;
    for (let a = 0; a < groups.length; a++) {
      for (let b = a + 1; b < groups.length; b++) {
        if (joint.sizes[a] * joint.sizes[b] <= 1) continue;
        const merged = [...groups.filter((_, g) => g !== a && g !== b), [...groups[a], ...groups[b]].sort((x, y) => x - y)];
        const j = jointOutcomes(outcomes, sizes, merged);
        if (j.sizes[merged.length - 1] > maxJoint) continue;
        const f = fitBlocks(j.outcomes, j.sizes, k, fit.posterior, trial);
        const s = bic(f, j.sizes, k, n);
        if (s > (best?.score ?? score)) best = { score: s, groups: merged, joint: j, fit: f };
      }
    }
    if (!best) return { fit, groups };
    ({ score, groups, joint } = best);
    fit = fitBlocks(joint.outcomes, joint.sizes, k, best.fit.posterior, opts);
    score = bic(fit, joint.sizes, k, n);
  }
}
