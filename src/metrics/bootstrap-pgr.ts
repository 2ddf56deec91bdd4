import { hierarchicalBootstrap, type BootstrapInterval, type BootstrapOptions } from './bootstrap.js';
import { checkBinary } from './check.js';
import { pgr } from './pgr.js';
import { mean } from './mean.js';

/**
 * Per-example correctness (1 = right) of the weak model, the ceiling and the
 * transfer student on one seed's test examples; the three arrays are aligned.
 */
export interface SeedCorrectness {
  weakCorrect: Uint8Array;
  ceilingCorrect: Uint8Array;
  transferCorrect: Uint8Array;
}

export interface BootstrapPgrOptions extends BootstrapOptions {
  seeds: ReadonlyArray<SeedCorrectness>;
  /**
   * Score every seed against the weak and ceiling accuracies averaged over seeds
   * (the 2026 sandbox protocol). Within each replicate the baselines are the means
   * over that replicate's drawn seeds, so their uncertainty is in the interval.
   */
  fixedBaselines?: boolean;
}

export interface PgrInterval extends BootstrapInterval {
  /** PGR of each seed on its own data (against the fixed baselines when asked). */
  perSeed: number[];
}

/**
 * PGR over seeds with a hierarchical, paired percentile bootstrap: resample
 * seeds, then test examples within each seed, with the same example indices for
 * the weak, ceiling and transfer models.
 *
 * The estimate is, without fixed baselines, the mean over seeds of each seed's
 * own PGR (NaN if any seed has a zero gap); with fixed baselines, the PGR of the
 * seed-mean accuracies, which equals the mean of the per-seed fixed-baseline PGRs.
 */
export function bootstrapPgr(options: BootstrapPgrOptions): PgrInterval {
  const fixed = options.fixedBaselines ?? false;
  const columns = options.seeds.map((seed, s) => correctnessColumns(seed, `seeds[${s}]`));
  const { estimate, low, high, undefinedReplicates } = hierarchicalBootstrap(
    columns,
    (means) => pgrOfSeedMeans(means, 0, fixed),
    options,
  );
  return { estimate, low, high, undefinedReplicates, perSeed: perSeedPgr(columns, 0, fixed) };
}

/** The weak, ceiling and transfer columns of one seed, checked. */
export function correctnessColumns(seed: SeedCorrectness, name: string): Uint8Array[] {
  const cols = [seed.weakCorrect, seed.ceilingCorrect, seed.transferCorrect];
  ['weakCorrect', 'ceilingCorrect', 'transferCorrect'].forEach((field, i) => checkBinary(cols[i], `${name}.${field}`));
  return cols;
}

/**
 * The PGR statistic over drawn seeds, reading weak, ceiling and transfer means at
 * columns offset, offset + 1, offset + 2.
 */
export function pgrOfSeedMeans(means: ReadonlyArray<Float64Array>, offset: number, fixed: boolean): number {
  if (fixed) {
    let w = 0, c = 0, t = 0;
    for (const m of means) {
      w += m[offset];
      c += m[offset + 1];
      t += m[offset + 2];
    }
    return pgr(w / means.length, c / means.length, t / means.length);
  }
  let total = 0;
  for (const m of means) total += pgr(m[offset], m[offset + 1], m[offset + 2]);
  return total / means.length;
}

/** Per-seed PGR from the full data of each seed. */
export function perSeedPgr(seeds: ReadonlyArray<ReadonlyArray<ArrayLike<number>>>, offset: number, fixed: boolean): number[] {
  const acc = seeds.map((cols) => [0, 1, 2].map((k) => mean(cols[offset + k])));
  if (!fixed) return acc.map(([w, c, t]) => pgr(w, c, t));
  const weak = mean(acc.map((a) => a[0]));
  const ceiling = mean(acc.map((a) => a[1]));
  return acc.map((a) => pgr(weak, ceiling, a[2]));
}
