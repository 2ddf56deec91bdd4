import type { Rng } from '../util/rng.js';
import { mean } from './mean.js';

/** Options shared by the bootstrap intervals. */
export interface BootstrapOptions {
  /** Bootstrap replicates (default 2000). */
  samples?: number;
  /** Two-sided miss rate of the percentile interval (default 0.05, a 95% interval). */
  alpha?: number;
  /** The generator all resampling draws from; it is advanced, so reuse gives new draws. */
  rng: Rng;
}

export interface BootstrapInterval {
  /** The statistic on the data as given. */
  estimate: number;
  /** Percentile interval [alpha/2, 1 - alpha/2] over the defined replicates. */
  low: number;
  high: number;
  /** Replicates whose statistic was NaN (e.g. a zero PGR gap), left out of the percentiles. */
  undefinedReplicates: number;
}

export interface BootstrapResult extends BootstrapInterval {
  /** The statistic of every replicate, in draw order (NaN where undefined). */
  replicates: Float64Array;
}

/**
 * Per-seed data for the hierarchical bootstrap: seeds[s] is a list of per-example
 * columns (e.g. weak, ceiling and transfer correctness) over the same examples,
 * so all columns of one seed share a length.
 */
export type SeedColumns = ReadonlyArray<ReadonlyArray<ArrayLike<number>>>;

/**
 * Two-stage (hierarchical) percentile bootstrap. Each replicate draws as many
 * seeds as there are, with replacement, then for every drawn seed draws its
 * examples with replacement, using the same example indices for all of that
 * seed's columns (paired). `statistic` receives, for each drawn seed, the mean of
 * every column over the drawn examples; it must not keep the arrays, which are
 * reused between replicates.
 */
export function hierarchicalBootstrap(
  seeds: SeedColumns,
  statistic: (seedMeans: ReadonlyArray<Float64Array>) => number,
  options: BootstrapOptions,
): BootstrapResult {
  const { samples = 2000, alpha = 0.05, rng } = options;
  if (!Number.isInteger(samples) || samples < 1) throw new Error(`samples must be a positive integer, got ${samples}`);
  if (!(alpha > 0 && alpha < 1)) throw new Error(`alpha must be in (0, 1), got ${alpha}`);
  const numColumns = checkSeeds(seeds);
  const numSeeds = seeds.length;

  const means = Array.from({ length: numSeeds }, () => new Float64Array(numColumns));
  for (let s = 0; s < numSeeds; s++) {
    for (let c = 0; c < numColumns; c++) means[s][c] = mean(seeds[s][c]);
  }
  const estimate = statistic(means);

  const sums = new Float64Array(numColumns);
  const replicates = new Float64Array(samples);
  for (let r = 0; r < samples; r++) {
    for (let j = 0; j < numSeeds; j++) {
      const columns = seeds[rng.int(numSeeds)];
      const n = columns[0].length;
      sums.fill(0);
      for (let e = 0; e < n; e++) {
        const i = rng.int(n);
        for (let c = 0; c < numColumns; c++) sums[c] += columns[c][i];
      }
      for (let c = 0; c < numColumns; c++) means[j][c] = sums[c] / n;
    }
    replicates[r] = statistic(means);
  }
  const defined = Float64Array.from(replicates.filter((v) => !Number.isNaN(v))).sort();
  return {
    estimate,
    low: quantile(defined, alpha / 2),
    high: quantile(defined, 1 - alpha / 2),
    undefinedReplicates: samples - defined.length,
    replicates,
  };
}

/**
 * The q-quantile of ascending-sorted values by linear interpolation between
 * order statistics (type 7, as numpy's default); NaN for an empty array.
 */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

function checkSeeds(seeds: SeedColumns): number {
  if (seeds.length === 0) throw new Error('the bootstrap needs at least one seed');
  const numColumns = seeds[0].length;
  if (numColumns === 0) throw new Error('seed 0 has no columns');
  seeds.forEach((columns, s) => {
    if (columns.length !== numColumns) {
      throw new Error(`seed ${s} has ${columns.length} columns, seed 0 has ${numColumns}`);
    }
    const n = columns[0].length;
    if (n === 0) throw new Error(`seed ${s} has no test examples`);
    columns.forEach((col, c) => {
      if (col.length !== n) {
        throw new Error(`seed ${s}: column ${c} has ${col.length} examples, column 0 has ${n}; columns must score the same examples`);
      }
      for (let i = 0; i < n; i++) {
        if (!Number.isFinite(col[i])) throw new Error(`seed ${s}: column ${c}[${i}] = ${col[i]} is not finite`);
      }
    });
  });
  return numColumns;
}
