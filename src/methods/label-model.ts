/**
 * A label model over weak supervisors' votes, pure functions. Votes are [n, m]
 * row-major class indices, −1 where a supervisor abstains.
 *
 * Dawid & Skene (1979) with two changes that real supervisors need:
 *
 * - Abstention is an observed outcome. Each supervisor's table is
 *   P(vote l | true class c) over l ∈ {classes, abstain}, so a labeling function
 *   that only ever votes "spam" is informative through *when* it fires: it fires
 *   on much of the spam and little of the ham. (Conditioning on the supervisor
 *   voting, as the textbook model does, gives such a function P(spam | it
 *   voted) = 1 under either class, and so no weight at all.) Snorkel's
 *   LabelModel (Ratner et al. 2019) makes the same choice: its parameters are
 *   P(λ_j = l | Y = c) for the non-abstaining l, abstention being the rest.
 * - Supervisors that share a source (bootstrap refits of one weak model) are
 *   not independent given the truth. They are declared as one block whose
 *   observed outcome is its plurality vote and how many members cast it, with
 *   one table P(outcome | c): the block counts as one supervisor, however many
 *   copies it has and however they depend on each other, and its members'
 *   disagreement still tells the model a row is uncertain. (Members are taken
 *   as exchangeable, as refits are. The full vote tuple would be a finer
 *   outcome, but its (k+1)^size cells are mostly seen once or never, and EM's
 *   smoothing then drives those rows towards uniform.) Blocks are assumed
 *   conditionally independent of each other given the true class — unless the
 *   votes say otherwise: blocks that agree (or disagree) more often than the class
 *   explains, such as a rule that fires where the weak model finds the rows easy,
 *   are found by a BIC search and modelled jointly, as one block whose outcome is
 *   the tuple of theirs (label-model-dependencies.ts).
 *
 * EM (label-model-em.ts) alternates the posterior over true classes (E) with the class prior and
 * the blocks' tables (M), starting from the vote shares in which every block
 * has one vote in total; that start also fixes the naming of the classes (EM is
 * otherwise symmetric under relabelling).
 */
import { learnDependencies } from './label-model-dependencies.js';
import { fitBlocks, type EmOptions } from './label-model-em.js';
import { checkVotes, voteShares } from './votes.js';

export interface LabelModelOptions extends EmOptions {
  /**
   * Source of each supervisor, [m] (any integers): supervisors with the same
   * value are modelled jointly as one block. Default: each its own source.
   */
  sources?: ArrayLike<number>;
  /**
   * Learn which blocks depend on each other beyond what the class explains and
   * model each such set jointly (default true); false: blocks are independent given the class.
   */
  dependencies?: boolean;
  /** Most distinct outcomes a jointly modelled set of blocks may have (default 64). */
  maxJointOutcomes?: number;
}

export interface LabelModel {
  /** P(true class | votes), [n, k]. */
  posterior: Float32Array;
  /** P(vote l | true class c) per supervisor, [m, k, k + 1]: column k is abstention; each row sums to 1. */
  confusion: Float64Array;
  /** Estimated P(vote = true class | the supervisor votes), [m]. */
  accuracy: Float64Array;
  /** Share of rows each supervisor votes on, [m]. */
  coverage: Float64Array;
  /** Class prior π, [k]. */
  prior: Float64Array;
  /** Block of each supervisor, [m], numbered 0.. in order of first appearance. */
  blocks: Int32Array;
  /** Sets of supervisors from different sources that the label model found dependent and modelled jointly (supervisor indices). */
  dependent: number[][];
  iterations: number;
  converged: boolean;
}

/** Block of each supervisor, numbered in order of first appearance, and the members of each block. */
export function supervisorBlocks(sources: ArrayLike<number> | undefined, m: number): { of: Int32Array; members: number[][] } {
  if (sources && sources.length !== m) throw new Error(`label model: ${sources.length} sources for ${m} supervisors; give one per supervisor`);
  const index = new Map<number, number>();
  const members: number[][] = [];
  const of = Int32Array.from({ length: m }, (_, j) => {
    const s = sources ? sources[j] : j;
    if (!index.has(s)) index.set(s, members.push([]) - 1);
    const b = index.get(s)!;
    members[b].push(j);
    return b;
  });
  return { of, members };
}

/**
 * Each block's outcome per row, [n, B], and the number of outcomes of each
 * block: for a block of g members, (class c, c's votes v) is c·g + v − 1, where
 * c is the class most members vote for (ties go to the earliest member's vote)
 * and v ≥ 1 its votes; k·g when every member abstains. A one-member block's
 * outcomes are thus its vote, or k for abstaining.
 */
export function blockOutcomes(votes: Int32Array, m: number, k: number, members: readonly number[][]): { outcomes: Int32Array; sizes: number[] } {
  const n = votes.length / m;
  const nb = members.length;
  const outcomes = new Int32Array(n * nb);
  const tally = new Int32Array(k);
  members.forEach((g, b) => {
    for (let i = 0; i < n; i++) {
      tally.fill(0);
      for (const j of g) if (votes[i * m + j] >= 0) tally[votes[i * m + j]]++;
      let top = -1;
      for (const j of g) {
        const v = votes[i * m + j];
        if (v >= 0 && (top < 0 || tally[v] > tally[top])) top = v;
      }
      outcomes[i * nb + b] = top < 0 ? k * g.length : top * g.length + tally[top] - 1;
    }
  });
  return { outcomes, sizes: members.map((g) => k * g.length + 1) };
}

/** Fits the label model by EM, first learning which blocks depend on each other (unless `dependencies` is false). */
export function dawidSkene(votes: Int32Array, m: number, k: number, opts: LabelModelOptions = {}): LabelModel {
  checkVotes(votes, m, k, 'label model');
  const { of, members } = supervisorBlocks(opts.sources, m);
  const { outcomes, sizes } = blockOutcomes(votes, m, k, members);
  const start = voteShares(votes, m, k, Float64Array.from(of, (b) => 1 / members[b].length));
  const em = { maxIter: opts.maxIter ?? 500, tol: opts.tol ?? 1e-6, smoothing: opts.smoothing ?? 0.01 };
  const { fit, groups } = opts.dependencies === false
    ? { fit: fitBlocks(outcomes, sizes, k, start, em), groups: members.map((_, b) => [b]) }
    : learnDependencies(outcomes, sizes, k, start, { ...em, maxJointOutcomes: opts.maxJointOutcomes });
  const post = Float32Array.from(fit.posterior);
  const dependent = groups.filter((g) => g.length > 1).map((g) => g.flatMap((b) => members[b]).sort((a, b) => a - b));
  return {
    posterior: post, ...supervisorStats(votes, m, k, post), prior: fit.prior, blocks: of, dependent,
    iterations: fit.iterations, converged: fit.converged,
  };
}

/**
 * Each supervisor's confusion [m, k, k + 1] (column k: abstain), accuracy where
 * it votes and coverage, from a posterior over the true classes.
 */
export function supervisorStats(votes: Int32Array, m: number, k: number, posterior: ArrayLike<number>) {
  const n = votes.length / m;
  const confusion = new Float64Array(m * k * (k + 1));
  const classMass = new Float64Array(k);
  const accuracy = new Float64Array(m);
  const coverage = new Float64Array(m);
  for (let i = 0; i < n; i++) for (let c = 0; c < k; c++) classMass[c] += posterior[i * k + c];
  for (let j = 0; j < m; j++) {
    let right = 0;
    let voted = 0;
    for (let i = 0; i < n; i++) {
      const v = votes[i * m + j];
      for (let c = 0; c < k; c++) confusion[(j * k + c) * (k + 1) + (v < 0 ? k : v)] += posterior[i * k + c];
      if (v < 0) continue;
      voted++;
      right += posterior[i * k + v];
    }
    for (let c = 0; c < k; c++) for (let l = 0; l <= k; l++) confusion[(j * k + c) * (k + 1) + l] /= classMass[c] || 1;
    accuracy[j] = voted ? right / voted : NaN;
    coverage[j] = n ? voted / n : 0;
  }
  return { confusion, accuracy, coverage };
}
