/**
 * Combining several weak supervisors without ground truth, pure functions.
 * Votes are [n, m] row-major class indices, −1 where a supervisor abstains.
 *
 * The label model is Dawid & Skene (1979): each supervisor j has a confusion
 * matrix θ_j[c][l] = P(vote l | true class c, j votes), the classes a prior
 * π, and supervisors are conditionally independent given the true class.
 * EM alternates the posterior over true classes (E) with π and θ (M),
 * starting from the majority-vote posterior, which also fixes the naming of
 * the classes (EM is otherwise symmetric under relabelling).
 */

export interface LabelModelOptions {
  maxIter?: number;
  /** Stop when no posterior entry moves by more than this. */
  tol?: number;
  /** Pseudo-count added to every confusion cell (and class) in the M-step. */
  smoothing?: number;
}

export interface LabelModel {
  /** P(true class | votes), [n, k]. */
  posterior: Float32Array;
  /** θ, [m, k, k]: row c (true class) sums to 1 over votes l. */
  confusion: Float64Array;
  /** Estimated P(vote = true class | the supervisor votes), [m]. */
  accuracy: Float64Array;
  /** Share of rows each supervisor votes on, [m]. */
  coverage: Float64Array;
  /** Class prior π, [k]. */
  prior: Float64Array;
  iterations: number;
  converged: boolean;
}

function checkVotes(votes: Int32Array, m: number, k: number): number {
  const n = votes.length / m;
  if (!Number.isInteger(n)) throw new Error(`label model: ${votes.length} votes do not form rows of ${m} supervisors`);
  for (let i = 0; i < votes.length; i++) {
    if (votes[i] < -1 || votes[i] >= k) throw new Error(`label model: vote ${votes[i]} at row ${Math.floor(i / m)}, supervisor ${i % m} is not a class in 0..${k - 1} or −1 (abstain)`);
  }
  return n;
}

/** Vote shares per row, [n, k]; a row nobody votes on is uniform. */
export function majorityVote(votes: Int32Array, m: number, k: number): Float32Array {
  return weightedVoteShares(votes, m, k, new Float64Array(m).fill(1));
}

function weightedVoteShares(votes: Int32Array, m: number, k: number, weights: Float64Array): Float32Array {
  const n = checkVotes(votes, m, k);
  const out = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    let total = 0;
    for (let j = 0; j < m; j++) {
      const v = votes[i * m + j];
      if (v >= 0) {
        out[i * k + v] += weights[j];
        total += weights[j];
      }
    }
    for (let c = 0; c < k; c++) out[i * k + c] = total > 0 ? out[i * k + c] / total : 1 / k;
  }
  return out;
}

/**
 * Weighted vote: P(c) ∝ exp(Σ_j w_j [v_ij = c]). With w_j the log-odds weights
 * of the supervisors' accuracies this is the posterior of the symmetric-noise
 * ("one-coin") model under a uniform prior.
 */
export function weightedVote(votes: Int32Array, m: number, k: number, weights: Float64Array): Float32Array {
  const n = checkVotes(votes, m, k);
  if (weights.length !== m) throw new Error(`weightedVote: ${weights.length} weights for ${m} supervisors`);
  const out = new Float32Array(n * k);
  const score = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    score.fill(0);
    for (let j = 0; j < m; j++) {
      const v = votes[i * m + j];
      if (v >= 0) score[v] += weights[j];
    }
    const top = Math.max(...score);
    let z = 0;
    for (let c = 0; c < k; c++) z += Math.exp(score[c] - top);
    for (let c = 0; c < k; c++) out[i * k + c] = Math.exp(score[c] - top) / z;
  }
  return out;
}

/**
 * w_j = log((k − 1)·a_j / (1 − a_j)): the weight of a supervisor that is right
 * with probability a_j and otherwise picks a wrong class uniformly. Accuracies
 * are clipped to [1/k + 1e-3, 0.999] so a supervisor at or below chance gets
 * (near) zero weight and none gets infinite weight.
 */
export function logOddsWeights(accuracy: ArrayLike<number>, k: number): Float64Array {
  return Float64Array.from(accuracy as ArrayLike<number>, (a) => {
    const c = Math.min(0.999, Math.max(1 / k + 1e-3, a));
    return Math.log(((k - 1) * c) / (1 - c));
  });
}

/** Fits the Dawid–Skene model by EM. */
export function dawidSkene(votes: Int32Array, m: number, k: number, opts: LabelModelOptions = {}): LabelModel {
  const n = checkVotes(votes, m, k);
  const maxIter = opts.maxIter ?? 500;
  const tol = opts.tol ?? 1e-6;
  const alpha = opts.smoothing ?? 0.01;
  const post = majorityVote(votes, m, k);
  const prior = new Float64Array(k);
  const confusion = new Float64Array(m * k * k);
  const logTheta = new Float64Array(m * k * k);
  const logPost = new Float64Array(k);
  let iterations = 0;
  let converged = false;
  const mStep = () => {
    prior.fill(alpha);
    confusion.fill(alpha);
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) {
        const t = post[i * k + c];
        prior[c] += t;
        for (let j = 0; j < m; j++) {
          const v = votes[i * m + j];
          if (v >= 0) confusion[(j * k + c) * k + v] += t;
        }
      }
    }
    const total = prior.reduce((a, b) => a + b, 0);
    for (let c = 0; c < k; c++) prior[c] /= total;
    for (let jc = 0; jc < m * k; jc++) {
      let s = 0;
      for (let l = 0; l < k; l++) s += confusion[jc * k + l];
      for (let l = 0; l < k; l++) {
        confusion[jc * k + l] /= s;
        logTheta[jc * k + l] = Math.log(confusion[jc * k + l]);
      }
    }
  };
  while (iterations < maxIter) {
    iterations++;
    mStep();
    let moved = 0;
    for (let i = 0; i < n; i++) {
      for (let c = 0; c < k; c++) {
        let s = Math.log(prior[c]);
        for (let j = 0; j < m; j++) {
          const v = votes[i * m + j];
          if (v >= 0) s += logTheta[(j * k + c) * k + v];
        }
        logPost[c] = s;
      }
      let top = -Infinity;
      for (let c = 0; c < k; c++) top = Math.max(top, logPost[c]);
      let z = 0;
      for (let c = 0; c < k; c++) z += Math.exp(logPost[c] - top);
      for (let c = 0; c < k; c++) {
        const v = Math.exp(logPost[c] - top) / z;
        moved = Math.max(moved, Math.abs(v - post[i * k + c]));
        post[i * k + c] = v;
      }
    }
    if (moved < tol) {
      converged = true;
      break;
    }
  }
  mStep();
  const accuracy = new Float64Array(m);
  const coverage = new Float64Array(m);
  for (let j = 0; j < m; j++) {
    let right = 0;
    let voted = 0;
    for (let i = 0; i < n; i++) {
      const v = votes[i * m + j];
      if (v < 0) continue;
      voted++;
      right += post[i * k + v];
    }
    accuracy[j] = voted ? right / voted : NaN;
    coverage[j] = n ? voted / n : 0;
  }
  return { posterior: post, confusion, accuracy, coverage, prior, iterations, converged };
}

/**
 * Votes [n, m] from supervisors' probability matrices [n, k]: the argmax, or
 * −1 (abstain) where a row is all zeros or flat (every class equally likely),
 * which is how a labeling function that does not fire is represented.
 */
export function votesFromProbs(supervisors: readonly Float32Array[], k: number): Int32Array {
  const m = supervisors.length;
  if (m === 0) throw new Error('votesFromProbs: no supervisors');
  const n = supervisors[0].length / k;
  const votes = new Int32Array(n * m);
  supervisors.forEach((s, j) => {
    if (s.length !== n * k) throw new Error(`votesFromProbs: supervisor ${j} has ${s.length} values, expected ${n} × ${k}`);
    for (let i = 0; i < n; i++) {
      let b = 0;
      let lo = s[i * k];
      for (let c = 1; c < k; c++) {
        if (s[i * k + c] > s[i * k + b]) b = c;
        lo = Math.min(lo, s[i * k + c]);
      }
      votes[i * m + j] = s[i * k + b] - lo < 1e-6 ? -1 : b;
    }
  });
  return votes;
}
