import type { Dataset } from '../tasks/index.js';
import { ensureFeatures, type CacheEvents } from '../models/cache.js';
import { datasetEncoder } from '../models/general/index.js';
import { deriveRng } from '../util/rng.js';
import { DataError, loadFeatureMatrix } from '../data/index.js';
import { configHash } from '../util/hash.js';
import { createHash } from 'node:crypto';

function contentHash(a: Float32Array): string {
  return createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');
}
import { ensureHfFeatures, isHfModel, parseHfSpec } from '../models/hf/index.js';

export interface ModelFeatures {
  features: Float32Array;
  dim: number;
  /** Parameters of the model behind the features (for size plots). */
  params: number;
  /** What determines these features (model, its pretraining, the corpus, the encoding): joins the keys of everything built on them. */
  key: string;
}

/**
 * Every example's representation under a model. Text: a ladder model's
 * frozen features (the shipped general ladder's rung by default, see
 * `ladderEncoder`; further pretraining on the task's text cached), or an
 * `hf:DIR` encoder's pooled hidden states through ONNX Runtime. Feature
 * matrices: `raw` is the user's features; `projN` a fixed random projection to
 * N dimensions, a deliberately weaker view for the default weak supervisor.
 */
export async function modelFeatures(ds: Dataset, corpusName: string, model: string, opts: { cacheDir: string; threads?: number; events?: CacheEvents; pretrainSteps?: number }): Promise<ModelFeatures> {
  if (ds.kind === 'features') return featureView(ds, model);
  const texts = ds.examples.map((e) => e.text ?? '');
  const corpus = { name: corpusName, texts };
  if (isHfModel(model)) {
    const r = await ensureHfFeatures({ cacheDir: opts.cacheDir, spec: parseHfSpec(model), corpus, runtime: { threads: opts.threads } });
    return { features: r.features, dim: r.dim, params: r.params, key: r.key };
  }
  const enc = await datasetEncoder(ds, corpusName, model, { cacheDir: opts.cacheDir, taskSteps: opts.pretrainSteps, threads: opts.threads, events: opts.events });
  const f = await ensureFeatures({ cacheDir: opts.cacheDir, enc, corpus, threads: opts.threads });
  return { ...f, params: enc.params };
}

/** Pretraining on the task's own text: see models/general (re-exported here, where the CLI and tests import them). */
export { PRETRAIN_STEPS_ENV, pretrainStepsOverride } from '../models/general/index.js';

/**
 * Another model's features of the same examples, row for row (e.g. the weak model's embeddings).
 * `fileRows`, when known, is the number of examples in the data file before --limit: the matrix
 * must have exactly that many rows (more or fewer means the rows do not line up).
 */
export function otherModelFeatures(path: string, n: number, fileRows?: number): ModelFeatures {
  const m = loadFeatureMatrix(path);
  const want = fileRows ?? n;
  if (m.rows < n || (fileRows !== undefined && m.rows !== fileRows)) {
    throw new DataError(path, `${m.rows} rows of features for ${want} examples; it must hold one row per example of the data file, in the data file's order (--weak-features)`);
  }
  const features = m.data.subarray(0, n * m.dim);
  return { features, dim: m.dim, params: m.dim, key: configHash({ model: 'file', content: contentHash(features) }) };
}

function featureView(ds: Dataset, model: string): ModelFeatures {
  const dim = ds.featureDim ?? ds.examples[0]?.features?.length ?? 0;
  const n = ds.examples.length;
  const raw = new Float32Array(n * dim);
  ds.examples.forEach((e, i) => raw.set(e.features!, i * dim));
  if (model === 'raw') return { features: raw, dim, params: dim, key: configHash({ model: 'raw', content: contentHash(raw) }) };
  if (model.startsWith('file:')) return otherModelFeatures(model.slice(5), n);
  const m = /^proj(\d+)$/.exec(model);
  if (!m) throw new Error(`for feature-matrix data the models are "raw" (your features), "projN" (a random N-dim projection) and "file:PATH" (another model's features of the same rows, --weak-features), got "${model}"`);
  const out = Number(m[1]);
  const rng = deriveRng(0, 'projection', dim, out);
  const w = Float32Array.from({ length: dim * out }, () => rng.normal() / Math.sqrt(dim));
  const proj = new Float32Array(n * out);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < out; j++) {
      let s = 0;
      for (let d = 0; d < dim; d++) s += raw[i * dim + d] * w[d * out + j];
      proj[i * out + j] = s;
    }
  }
  return { features: proj, dim: out, params: out, key: configHash({ model, content: contentHash(raw) }) };
}

export function defaultModels(ds: Dataset): { weak: string; strong: string } {
  return ds.kind === 'features' ? { weak: 'proj8', strong: 'raw' } : { weak: 'xs', strong: 'l' };
}

