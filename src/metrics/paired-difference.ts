import { hierarchicalBootstrap, type BootstrapInterval, type BootstrapOptions } from './bootstrap.js';
import { correctnessColumns, perSeedPgr, pgrOfSeedMeans, type SeedCorrectness } from './bootstrap-pgr.js';
import { mean } from './mean.js';

export interface PairedDifferenceOptions extends BootstrapOptions {
  /** Method A, one entry per seed. */
  a: ReadonlyArray<SeedCorrectness>;
  /** Method B on the same seeds (same order) and the same test examples. */
  b: ReadonlyArray<SeedCorrectness>;
  /** As in bootstrapPgr: PGR against seed-mean weak and ceiling accuracies. */
  fixedBaselines?: boolean;
}

export interface PairedDifference extends BootstrapInterval {
  /** PGR of A minus PGR of B, per seed. */
  perSeed: number[];
  /** The PGR estimates of A and B alone. */
  estimateA: number;
  estimateB: number;
  /**
   * Two-sided bootstrap p-value for "no difference": twice the smaller share of
   * defined replicates at or below and at or above zero, capped at 1. Approximate;
   * its resolution is 1 / samples.
   */
  pValue: number;
}

/**
 * PGR(A) - PGR(B) for two methods run on the same seeds and test examples, with a
 * paired hierarchical bootstrap: every replicate draws the same seeds and, within
 * each seed, the same example indices for both methods, so shared noise (seed,
 * test sample) cancels out of the difference.
 */
export function pairedDifferenceCi(options: PairedDifferenceOptions): PairedDifference {
  const { a, b } = options;
  const fixed = options.fixedBaselines ?? false;
  if (a.length !== b.length) {
    throw new Error(`a has ${a.length} seeds but b has ${b.length}; a paired difference needs the same seeds for both`);
  }
  const columns = a.map((seedA, s) => {
    const colsA = correctnessColumns(seedA, `a[${s}]`);
    const colsB = correctnessColumns(b[s], `b[${s}]`);
    if (colsA[0].length !== colsB[0].length) {
      throw new Error(
        `seed ${s}: a has ${colsA[0].length} test examples but b has ${colsB[0].length}; both must be scored on the same examples`,
      );
    }
    return [...colsA, ...colsB];
  });
  const result = hierarchicalBootstrap(
    columns,
    (means) => pgrOfSeedMeans(means, 0, fixed) - pgrOfSeedMeans(means, 3, fixed),
    options,
  );
  const perA = perSeedPgr(columns, 0, fixed);
  const perB = perSeedPgr(columns, 3, fixed);
  let below = 0, above = 0, defined = 0;
  for (const v of result.replicates) {
    if (Number.isNaN(v)) continue;
    defined++;
    if (v <= 0) below++;
    if (v >= 0) above++;
  }
  const seedMeans = columns.map((cols) => Float64Array.from(cols, mean));
  return {
    estimate: result.estimate,
    low: result.low,
    high: result.high,
    undefinedReplicates: result.undefinedReplicates,
    perSeed: perA.map((v, s) => v - perB[s]),
    estimateA: pgrOfSeedMeans(seedMeans, 0, fixed),
    estimateB: pgrOfSeedMeans(seedMeans, 3, fixed),
    pValue: defined === 0 ? NaN : Math.min(1, (2 * Math.min(below, above)) / defined),
  };
}
