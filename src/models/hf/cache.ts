import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeSafetensors, encodeSafetensors, type RuntimeOptions } from '../../engine/index.js';
import { readSealed, writeSealed } from '../../util/sealed.js';
import { configHash } from '../../util/hash.js';
import { corpusKey, type Corpus } from '../cache.js';
import { resolveHfFolder } from './folder.js';
import { HfEncoder, maxLenOf } from './encoder.js';
import type { HfSpec } from './spec.js';

/**
 * Bump when HfEncoder.features computes something else, so cached features are redone.
 * 2: imported layer norms run as the engine's fused op (features move by float rounding).
 */
const HF_FEATURES_VERSION = 2;

export interface HfFeatures {
  features: Float32Array;
  dim: number;
  params: number;
  cached: boolean;
  /** The cache key: the model's and tokenizer's bytes, pooling, length limit, corpus. */
  key: string;
}

/**
 * Frozen features of every corpus text under an HF encoder, cached in
 * <cacheDir>/features/ under a key of the model's and tokenizer's bytes, the
 * pooling, the length limit and the corpus.
 */
export async function ensureHfFeatures(opts: { cacheDir: string; spec: HfSpec; corpus: Corpus; runtime?: RuntimeOptions; batchSize?: number }): Promise<HfFeatures> {
  const folder = resolveHfFolder(opts.spec.dir, opts.spec.file);
  const digest = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
  const key = configHash({
    onnx: digest(folder.onnxPath),
    tokenizer: digest(folder.tokenizerPath),
    tokenizerConfig: folder.tokenizerConfig,
    pooling: opts.spec.pooling,
    maxLen: maxLenOf(opts.spec, folder),
    corpus: corpusKey(opts.corpus),
    v: HF_FEATURES_VERSION,
  });
  const path = join(opts.cacheDir, 'features', `${opts.corpus.name}-hf-${folder.name.replace(/[^A-Za-z0-9._-]/g, '_')}-${key}.safetensors`);
  const cached = readSealed(opts.cacheDir, path);
  if (cached) {
    const file = decodeSafetensors(new Uint8Array(cached), path);
    const t = file.tensors.features;
    return { features: t.data as Float32Array, dim: t.shape[1], params: Number(file.metadata.params ?? t.shape[1]), cached: true, key };
  }
  const enc = await HfEncoder.load(opts.spec, opts.runtime);
  const r = await enc.features(opts.corpus.texts, { batchSize: opts.batchSize });
  writeSealed(opts.cacheDir, path, encodeSafetensors({ features: { dtype: 'F32', shape: [opts.corpus.texts.length, r.dim], data: r.features } }, { params: String(enc.params), model: folder.name, pooling: opts.spec.pooling }));
  return { ...r, params: enc.params, cached: false, key };
}
