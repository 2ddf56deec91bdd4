/**
 * The Ladder (Blum & Hardt, "The Ladder: A Reliable Leaderboard for Machine Learning
 * Competitions", ICML 2015), in accuracy terms. Each researcher has a best released
 * score per challenge. A new submission's holdout accuracy is released only when it
 * beats that best by more than the step η, and then rounded to a multiple of η;
 * otherwise the researcher sees their best again. So a researcher learns one bit per
 * query ("did this beat my best by η?"), at most (1 - start) / η releases happen in
 * all, and single-prediction flips (worth 1/n < η) are invisible.
 *
 * The start is the challenge's fixed weak baseline on dev, rounded: a score is only
 * released once it beats the teacher, which also hides the whole band where random
 * and prior-only prediction vectors live.
 */

export interface LadderStep {
  /** The score the researcher sees: the new rounded score, or the previous best. */
  released: number;
  /** True when this submission beat the best by more than η and set a new best. */
  improved: boolean;
  /** The best after this step (equal to `released`). */
  best: number;
}

/** `value` rounded to the nearest multiple of `eta`, without float residue (0.1 + 0.2). */
export function roundToStep(value: number, eta: number): number {
  checkEta(eta);
  return Number((Math.round(value / eta) * eta).toFixed(12));
}

/** One query of the Ladder: the researcher's best so far, this submission's true holdout accuracy. */
export function ladderStep(best: number, accuracy: number, eta: number): LadderStep {
  checkEta(eta);
  if (!(accuracy >= 0 && accuracy <= 1)) throw new Error(`ladderStep: accuracy must be in [0, 1], got ${accuracy}`);
  if (accuracy > best + eta) {
    // Clamped: when η does not divide 1, the rung nearest 1 would lie above it.
    const released = Math.min(1, roundToStep(accuracy, eta));
    return { released, improved: true, best: released };
  }
  return { released: best, improved: false, best };
}

/** The best a researcher starts from on a challenge: its weak baseline, rounded to η. */
export function ladderStart(weakAccuracy: number, eta: number): number {
  return Math.min(1, roundToStep(weakAccuracy, eta));
}

function checkEta(eta: number): void {
  if (!(eta > 0 && eta < 1)) throw new Error(`the Ladder's step η must be in (0, 1), got ${eta}`);
}

/** Fewest dev examples one rung of the Ladder must be worth (see defaultEta). */
export const MIN_EXAMPLES_PER_STEP = 15;

/**
 * The default step for a dev split of n examples: 0.01, or coarser (a multiple of 0.005)
 * until one step is worth at least MIN_EXAMPLES_PER_STEP examples. With fewer, an attacker
 * who starts from a real model (the weak model's predictions) and flips random blocks of
 * predictions climbs rungs by luck, and each rung it climbs is labels learned: at
 * η·n = 6 (n = 614, η = 0.01) such a climb gained 5 points in 10,000 queries; at
 * η·n >= 9 it gained none (bench/holdout.ts and docs/server.md).
 */
export function defaultEta(n: number): number {
  if (!(n > 0)) throw new Error(`defaultEta: the dev split must have examples, got ${n}`);
  return Number(Math.max(0.01, Math.ceil(MIN_EXAMPLES_PER_STEP / n / 0.005 - 1e-9) * 0.005).toFixed(3));
}
