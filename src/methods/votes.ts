/**
 * Supervisors' votes and vote combinations, pure functions. Votes are [n, m]
 * row-major class indices, −1 where a supervisor abstains.
 */

/** Rows of the vote matrix; throws on a shape or a vote that is not a class or −1. */
export function checkVotes(votes: Int32Array, m: number, k: number, who = 'votes'): number {
  const n = votes.length / m;
  if (!Number.isInteger(n)) throw new Error(`${who}: ${votes.length} votes do not form rows of ${m} supervisors`);
  for (let i = 0; i < votes.length; i++) {
    if (votes[i] < -1 || votes[i] >= k) throw new Error(`${who}: vote ${votes[i]} at row ${Math.floor(i / m)}, supervisor ${i % m} is not a class in 0..${k - 1} or −1 (abstain)`);
  }
  return n;
}

/** Vote shares per row, [n, k]; a row nobody votes on is uniform. */
export function majorityVote(votes: Int32Array, m: number, k: number): Float32Array {
  return voteShares(votes, m, k, new Float64Array(m).fill(1));
}

/** Shares of the weighted votes per row, [n, k]; a row without (weighted) votes is uniform. */
export function voteShares(votes: Int32Array, m: number, k: number, weights: ArrayLike<number>): Float32Array {
  const n = checkVotes(votes, m, k);
  if (weights.length !== m) throw new Error(`voteShares: ${weights.length} weights for ${m} supervisors`);
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
export function weightedVote(votes: Int32Array, m: number, k: number, weights: ArrayLike<number>): Float32Array {
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

/** Each supervisor's probability for the class it votes, [n, m] (0 where it abstains): the confidence a graded label model bins. */
export function voteConfidence(supervisors: readonly Float32Array[], votes: Int32Array, k: number): Float64Array {
  const m = supervisors.length;
  const out = new Float64Array(votes.length);
  for (let i = 0; i < votes.length; i++) {
    const v = votes[i];
    if (v >= 0) out[i] = supervisors[i % m][Math.floor(i / m) * k + v];
  }
  return out;
}
