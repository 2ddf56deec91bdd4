import type { Dataset } from '../tasks/index.js';
import type { CacheEvents } from '../models/cache.js';
import { fileFeatures, modelFeaturesOf, parseModel, type ModelFeatures, type ModelSpec } from '../models/kinds/index.js';

export type { ModelFeatures } from '../models/kinds/index.js';

/**
 * Every example's representation under a model (see the model kinds,
 * src/models/kinds/, and `w2s models`). Text: a ladder model's frozen features
 * (pretrained now or taken from the cache), the n-gram features, or an `hf:DIR`
 * encoder's pooled hidden states through ONNX Runtime. Feature matrices:
 * `raw`, `projN`, `file:PATH`.
 */
export async function modelFeatures(ds: Dataset, corpusName: string, model: ModelSpec, opts: { cacheDir: string; threads?: number; events?: CacheEvents; pretrainSteps?: number }): Promise<ModelFeatures> {
  return modelFeaturesOf(model, { ds, corpusName, cacheDir: opts.cacheDir, threads: opts.threads, events: opts.events, pretrainSteps: opts.pretrainSteps ?? pretrainStepsOverride() });
}

/** The spec of a model name for this data (names reach here validated; a bad one is still an error naming the kinds). */
export function modelSpecFor(ds: Dataset, name: string): ModelSpec {
  return parseModel(name, ds.kind);
}

/** Environment variable that shortens pretraining (smoke tests, CI); set by `w2s --pretrain-steps N`. */
export const PRETRAIN_STEPS_ENV = 'W2S_PRETRAIN_STEPS';

/** The pretraining-steps override from the environment, if any. */
export function pretrainStepsOverride(): number | undefined {
  const v = process.env[PRETRAIN_STEPS_ENV];
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${PRETRAIN_STEPS_ENV} must be a positive integer, got "${v}"`);
  return n;
}

/**
 * Another model's features of the same examples, row for row (e.g. the weak model's embeddings).
 * `fileRows`, when known, is the number of examples in the data file before --limit: the matrix
 * must have exactly that many rows (more or fewer means the rows do not line up).
 */
export const otherModelFeatures: (path: string, n: number, fileRows?: number) => ModelFeatures = fileFeatures;

/** The default weak and strong model names of the data: text xs → l, feature matrices proj8 → raw. */
export function defaultModels(ds: Dataset): { weak: string; strong: string } {
  return ds.kind === 'features' ? { weak: 'proj8', strong: 'raw' } : { weak: 'xs', strong: 'l' };
}
