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
    const released = roundToStep(accuracy, eta);
    return { released, improved: true, best: released };
  }
  return { released: best, improved: false, best };
}

/** The best a researcher starts from on a challenge: its weak baseline, rounded to η. */
export function ladderStart(weakAccuracy: number, eta: number): number {
  return roundToStep(weakAccuracy, eta);
}

function checkEta(eta: number): void {
  if (!(eta > 0 && eta < 1)) throw new Error(`the Ladder's step η must be in (0, 1), got ${eta}`);
}
