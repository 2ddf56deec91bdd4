import { mean } from './mean.js';

/**
 * Performance gap recovered: (transfer - weak) / (ceiling - weak).
 * 0 = the student only matches its teacher, 1 = it recovers the full gap.
 *
 * NaN-safety: returns NaN when the gap is zero (|ceiling - weak| < 1e-12), since
 * there is nothing to recover, and when any input is NaN. It does not clamp:
 * values below 0 or above 1 are real outcomes. When the ceiling is below the weak
 * model the gap is negative and the sign of the ratio no longer reads as
 * "better"; callers should report such cases rather than rank them.
 */
export function pgr(weakAcc: number, ceilingAcc: number, transferAcc: number): number {
  const gap = ceilingAcc - weakAcc;
  if (Number.isNaN(gap) || Number.isNaN(transferAcc) || Math.abs(gap) < 1e-12) return NaN;
  return (transferAcc - weakAcc) / gap;
}

export interface FixedBaselinePgr {
  /** Mean weak accuracy over seeds, the fixed baseline. */
  weak: number;
  /** Mean ceiling accuracy over seeds, the fixed baseline. */
  ceiling: number;
  /** PGR of each seed's transfer accuracy against the fixed baselines. */
  perSeed: number[];
  /** Mean of perSeed, equal to the PGR of the mean transfer accuracy. */
  mean: number;
}

/**
 * Fixed-baseline PGR (the 2026 sandbox protocol): weak and ceiling accuracies are
 * averaged over seeds once, so a method cannot move its own denominator; each
 * seed's transfer accuracy is scored against those means. The baseline arrays may
 * come from more seeds than the transfer runs.
 */
export function fixedBaselinePgr(
  weakAccs: ArrayLike<number>,
  ceilingAccs: ArrayLike<number>,
  transferAccs: ArrayLike<number>,
): FixedBaselinePgr {
  if (weakAccs.length === 0 || ceilingAccs.length === 0 || transferAccs.length === 0) {
    throw new Error(
      `fixedBaselinePgr needs at least one seed in each of weakAccs (${weakAccs.length}), ` +
        `ceilingAccs (${ceilingAccs.length}) and transferAccs (${transferAccs.length})`,
    );
  }
  const weak = mean(weakAccs);
  const ceiling = mean(ceilingAccs);
  const perSeed = Array.from(transferAccs, (t) => pgr(weak, ceiling, t));
  return { weak, ceiling, perSeed, mean: mean(perSeed) };
}
