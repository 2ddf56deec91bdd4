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
  /** Graded outcomes: each supervisor's confidence in its vote (see `Grading`); default none, votes only. */
  grading?: Grading;
}

/**
 * Confidence as part of an outcome. A model that votes 0.99 "ham" and one that
 * votes 0.55 "ham" cast the same vote, but not the same evidence: where a soft
 * supervisor's errors sit at low confidence, a labeling function should
 * overrule it there and not elsewhere. Each block's outcome is then split by
 * how confident its plurality is: the mean confidence of the members that cast
 * it, in one of `bins` bins at the quantiles of that block's own scores on the
 * rows (no labels). EM learns P(outcome | class) per bin, so a bin where the
 * supervisor is often wrong gets the weight it earns. A block whose scores take
 * a single value (a labeling function's one-hot votes) keeps one bin.
 */
export interface Grading {
  /** [n, m]: supervisor j's confidence in its vote on row i (its probability for that class); ignored where it abstains. */
  confidence: ArrayLike<number>;
  /** Bins per block, at most (≥ 1; 1 is votes only). */
  bins: number;
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
 * outcomes are thus its vote, or k for abstaining. With `grading`, a block of
 * q bins has outcomes (c·g + v − 1)·q + bin, and k·g·q for abstaining.
 */
export function blockOutcomes(votes: Int32Array, m: number, k: number, members: readonly number[][], grading?: Grading): { outcomes: Int32Array; sizes: number[] } {
  const n = votes.length / m;
  const nb = members.length;
  const outcomes = new Int32Array(n * nb);
  const tally = new Int32Array(k);
  const score = new Float64Array(n);
  const sizes = members.map((g, b) => {
    for (let i = 0; i < n; i++) {
      tally.fill(0);
      for (const j of g) if (votes[i * m + j] >= 0) tally[votes[i * m + j]]++;
      let top = -1;
      for (const j of g) {
        const v = votes[i * m + j];
        if (v >= 0 && (top < 0 || tally[v] > tally[top])) top = v;
      }
      outcomes[i * nb + b] = top < 0 ? -1 : top * g.length + tally[top] - 1;
      if (grading && top >= 0) {
        let sum = 0;
        for (const j of g) if (votes[i * m + j] === top) sum += grading.confidence[i * m + j];
        score[i] = sum / tally[top];
      }
    }
    const edges = grading ? binEdges(score, outcomes, nb, b, grading.bins) : [];
    const q = edges.length + 1;
    for (let i = 0; i < n; i++) {
      const o = outcomes[i * nb + b];
      outcomes[i * nb + b] = o < 0 ? k * g.length * q : o * q + edges.filter((e) => score[i] >= e).length;
    }
    return k * g.length * q + 1;
  });
  return { outcomes, sizes };
}

/** Up to bins − 1 distinct cut points at the quantiles of a block's scores over the rows it votes on (none when they take one value). */
function binEdges(score: Float64Array, outcomes: Int32Array, nb: number, b: number, bins: number): number[] {
  const voted: number[] = [];
  for (let i = 0; i < score.length; i++) if (outcomes[i * nb + b] >= 0) voted.push(score[i]);
  voted.sort((x, y) => x - y);
  const edges = new Set<number>();
  for (let t = 1; t < bins && voted.length > 0; t++) {
    const e = voted[Math.floor((t * voted.length) / bins)];
    if (e > voted[0]) edges.add(e);
  }
  return [...edges];
}

/** Fits the label model by EM, first learning which blocks depend on each other (unless `dependencies` is false). */
export function dawidSkene(votes: Int32Array, m: number, k: number, opts: LabelModelOptions = {}): LabelModel {
  const n = checkVotes(votes, m, k, 'label model');
  const { of, members } = supervisorBlocks(opts.sources, m);
  if (opts.grading) checkGrading(opts.grading, n, m);
  const { outcomes, sizes } = blockOutcomes(votes, m, k, members, opts.grading);
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

function checkGrading(g: Grading, n: number, m: number): void {
  if (!Number.isInteger(g.bins) || g.bins < 1) throw new Error(`label model: grading bins must be an integer ≥ 1, got ${g.bins}`);
  if (g.confidence.length !== n * m) throw new Error(`label model: ${g.confidence.length} confidences for ${n} rows × ${m} supervisors`);
  for (let i = 0; i < g.confidence.length; i++) {
    if (!Number.isFinite(g.confidence[i])) throw new Error(`label model: confidence ${g.confidence[i]} at row ${Math.floor(i / m)}, supervisor ${i % m} is not a finite number`);
  }
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
