import { mean } from './mean.js';
import { hierarchicalBootstrap, type BootstrapInterval, type BootstrapOptions } from './bootstrap.js';

export interface BootstrapMeanOptions extends BootstrapOptions {
  /** Per seed, a per-example value: 0/1 correctness for an accuracy, or any score. */
  seeds: ReadonlyArray<ArrayLike<number>>;
}

export interface MeanInterval extends BootstrapInterval {
  /** The mean of each seed's values (its accuracy, for 0/1 correctness). */
  perSeed: number[];
}

/**
 * Mean over seeds of each seed's per-example mean (e.g. accuracy), with a
 * hierarchical percentile bootstrap: resample seeds, then examples within each.
 */
export function bootstrapMeanCi(options: BootstrapMeanOptions): MeanInterval {
  const columns = options.seeds.map((values) => [values]);
  const { estimate, low, high, undefinedReplicates } = hierarchicalBootstrap(
    columns,
    (means) => mean(means.map((m) => m[0])),
    options,
  );
  const perSeed = options.seeds.map(mean);
  return { estimate, low, high, undefinedReplicates, perSeed };
}
