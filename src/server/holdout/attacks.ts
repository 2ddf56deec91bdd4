/**
 * Label-extraction attacks on a holdout scorer, for the holdout benchmark
 * (bench/holdout.ts) and its test. Each attack sees only a scorer — a function from a
 * prediction vector to the accuracy the server released — and returns its guess of
 * every dev label. `exactScorer` is the leaky scorer of the 2026 sandbox; `ladderScorer`
 * is the server's.
 */
import { Rng } from '../../util/rng.js';
import { ladderStart, ladderStep } from './ladder.js';
import { accuracyOf } from './score.js';

export { accuracyOf };

/** What the server released for one prediction vector. */
export type Scorer = (predictions: Int32Array) => number | Promise<number>;

export interface AttackResult {
  guess: Int32Array;
  queries: number;
}

export interface AttackOptions {
  n: number;
  numClasses: number;
  budget: number;
  rng: Rng;
}

/** Exact accuracy: the leak the 2026 sandbox had. */
export function exactScorer(labels: Int32Array): Scorer {
  return (p) => accuracyOf(p, labels);
}

/** The server's scorer: the Ladder with step η, one researcher's state, starting at `start`. */
export function ladderScorer(labels: Int32Array, eta: number, start: number): Scorer {
  let best = ladderStart(start, eta);
  return (p) => {
    const step = ladderStep(best, accuracyOf(p, labels), eta);
    best = step.best;
    return step.released;
  };
}

/** Share of the majority class: what guessing one class for every example recovers. */
export function majorityRate(labels: Int32Array, numClasses: number): number {
  const counts = new Array<number>(numClasses).fill(0);
  for (const l of labels) counts[l]++;
  return Math.max(...counts) / labels.length;
}

/**
 * Flip one prediction at a time from a constant vector: a rise in the score reveals the
 * flipped class is the label, a drop that the constant was. Exact counts give every label
 * in n(k-1) + 1 queries.
 */
export async function flipOneAttack(score: Scorer, o: AttackOptions): Promise<AttackResult> {
  const k = o.numClasses;
  // The constant vector the scorer rates best: its class is the attacker's default guess.
  let queries = 0;
  let fill = 0;
  let s0 = -Infinity;
  for (let c = 0; c < k; c++) {
    const s = await score(new Int32Array(o.n).fill(c));
    queries++;
    if (s > s0) [s0, fill] = [s, c];
  }
  const base = new Int32Array(o.n).fill(fill);
  const guess = new Int32Array(o.n).fill(fill);
  for (let i = 0; i < o.n && queries < o.budget; i++) {
    for (let d = 1; d < k && queries < o.budget; d++) {
      const c = (fill + d) % k;
      base[i] = c;
      const s = await score(base);
      queries++;
      base[i] = fill;
      if (s > s0) {
        guess[i] = c;
        break;
      }
      if (s < s0) break; // the constant class was right
    }
  }
  return { guess, queries };
}

/**
 * Blum & Hardt's boosting attack, then adaptive hill-climbing: submit random vectors,
 * keep those the scorer rates above the running best (or, for an exact scorer, above the
 * mean), take their per-example majority vote; then spend the rest of the budget flipping
 * random blocks of the vote and keeping any flip the scorer rewards.
 */
export async function boostingAttack(score: Scorer, o: AttackOptions, boostShare = 0.5): Promise<AttackResult> {
  const { n, numClasses: k, rng } = o;
  const votes = new Float64Array(n * k);
  const boostQueries = Math.floor(o.budget * boostShare);
  let queries = 0;
  let best = -Infinity;
  let sum = 0;
  const v = new Int32Array(n);
  for (; queries < boostQueries; queries++) {
    for (let i = 0; i < n; i++) v[i] = rng.int(k);
    const s = await score(v);
    sum += s;
    // A vector is "good" when it raised the released score above an earlier answer, or
    // (an exact scorer, which answers something other than the best) beat the mean so far.
    const good = queries > 0 && (s > best || (s !== best && s > sum / (queries + 1)));
    if (s > best) best = s;
    if (good) for (let i = 0; i < n; i++) votes[i * k + v[i]] += 1;
  }
  const guess = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let arg = 0;
    for (let c = 1; c < k; c++) if (votes[i * k + c] > votes[i * k + arg]) arg = c;
    guess[i] = arg;
  }
  return hillClimb(score, o, guess, queries);
}

/**
 * Adaptive search from a starting vector: flip random blocks of n/50 predictions and keep
 * any flip the scorer rewards. From an informed start (the weak model's predictions,
 * which a researcher can train), it measures what the scorer leaks beyond real skill.
 */
export async function hillClimb(score: Scorer, o: AttackOptions, start: Int32Array, used = 0): Promise<AttackResult> {
  const { n, numClasses: k, rng } = o;
  const guess = Int32Array.from(start);
  let queries = used;
  let current = await score(guess);
  queries++;
  const block = Math.max(1, Math.round(n / 50));
  const trial = new Int32Array(n);
  while (queries < o.budget) {
    trial.set(guess);
    for (let j = 0; j < block; j++) {
      const i = rng.int(n);
      trial[i] = (trial[i] + 1 + rng.int(k - 1)) % k;
    }
    const s = await score(trial);
    queries++;
    if (s > current) {
      current = s;
      guess.set(trial);
    }
  }
  return { guess, queries };
}
