import { join } from 'node:path';
import { decodeSafetensors, encodeSafetensors } from '../../engine/index.js';
import { readSealed, writeSealed } from '../../util/sealed.js';
import { corpusKey } from '../cache.js';
import { DEFAULT_VECTORIZER, NgramVectorizer, type Csr } from '../ngram/index.js';
import { configHash } from '../../util/hash.js';
import { registerModelKind, type NgramSpec } from './registry.js';

/** Features kept when `ngram` gives no dim=. */
export const DEFAULT_NGRAM_DIM = 2048;
/** Bump when ngramFeatures computes something else (it joins the features' key). */
const NGRAM_FEATURES_VERSION = 2;

/**
 * Dense n-gram features of texts: the n-gram reference's TF-IDF character
 * (1–5, inside word boundaries) and word (1–2) n-grams fitted on all `texts`
 * (no labels, like a ladder encoder's pretraining on the task's texts), the
 * `dim` n-grams found in the most texts kept (ties: the first seen), each row
 * scaled to unit L2 norm. A probe on them is logistic regression on n-grams:
 * the classical model as a rung below (or above) the neural ones.
 */
export function ngramFeatures(texts: readonly string[], dim: number): { features: Float32Array; dim: number; vocabulary: number } {
  const { x } = NgramVectorizer.fit(texts);
  const keep = topColumnsByDf(x, dim);
  const col = new Int32Array(x.cols).fill(-1);
  keep.forEach((c, j) => (col[c] = j));
  const out = new Float32Array(x.rows * dim);
  for (let i = 0; i < x.rows; i++) {
    let sq = 0;
    for (let p = x.indptr[i]; p < x.indptr[i + 1]; p++) {
      const j = col[x.indices[p]];
      if (j < 0) continue;
      out[i * dim + j] = x.values[p];
      sq += x.values[p] * x.values[p];
    }
    if (sq > 0) {
      const inv = 1 / Math.sqrt(sq);
      for (let j = 0; j < dim; j++) out[i * dim + j] *= inv;
    }
  }
  return { features: out, dim, vocabulary: x.cols };
}

/** The `k` columns present in the most rows, in descending document frequency (ties by column). */
export function topColumnsByDf(x: Csr, k: number): Int32Array {
  const df = new Int32Array(x.cols);
  for (let p = 0; p < x.indptr[x.rows]; p++) df[x.indices[p]]++;
  const order = Int32Array.from({ length: x.cols }, (_, c) => c).sort((a, b) => df[b] - df[a] || a - b);
  return order.subarray(0, Math.min(k, x.cols));
}

function parseNgram(name: string): NgramSpec {
  const [head, ...opts] = name.split(',');
  if (head !== 'ngram') throw new Error('write ngram or ngram,dim=N');
  const spec: NgramSpec = { kind: 'ngram', dim: DEFAULT_NGRAM_DIM };
  for (const o of opts) {
    const [k, v] = o.split('=', 2);
    if (k !== 'dim') throw new Error(`unknown option "${o}"; the option is dim=N (features kept)`);
    const n = Number(v);
    if (!/^\d+$/.test(v ?? '') || !Number.isSafeInteger(n) || n < 1) throw new Error(`dim=${v ?? ''} must be a positive integer`);
    spec.dim = n;
  }
  return spec;
}

/** The n-gram reference's features as a model of text: its student is logistic regression on n-grams (--student probe). */
registerModelKind<NgramSpec>({
  kind: 'ngram',
  syntax: 'ngram[,dim=N]',
  example: 'ngram',
  description: `the n-gram reference's TF-IDF char and word n-grams, the ${DEFAULT_NGRAM_DIM} in most texts; its probe is logistic regression`,
  data: ['text'],
  finetunable: false,
  claims: (name) => name === 'ngram' || name.startsWith('ngram,'),
  parse: parseNgram,
  name: (s) => (s.dim === DEFAULT_NGRAM_DIM ? 'ngram' : `ngram,dim=${s.dim}`),
  // Cached in <cacheDir>/features/ like a ladder model's features (the vectorizer's fit is the slow part).
  features: async (s, ctx) => {
    const texts = ctx.ds.examples.map((e) => e.text ?? '');
    const key = configHash({ model: 'ngram', dim: s.dim, vectorizer: DEFAULT_VECTORIZER, corpus: corpusKey({ name: ctx.corpusName, texts }), v: NGRAM_FEATURES_VERSION });
    const path = join(ctx.cacheDir, 'features', `${ctx.corpusName}-ngram${s.dim}-${key}.safetensors`);
    const cached = readSealed(ctx.cacheDir, path);
    if (cached) {
      const t = decodeSafetensors(new Uint8Array(cached), path).tensors.features;
      return { features: t.data as Float32Array, dim: t.shape[1], params: t.shape[1], key };
    }
    const r = ngramFeatures(texts, s.dim);
    writeSealed(ctx.cacheDir, path, encodeSafetensors({ features: { dtype: 'F32', shape: [texts.length, r.dim], data: r.features } }));
    return { features: r.features, dim: r.dim, params: r.dim, key };
  },
  installed: () => ['built in (src/models/ngram); nothing to download'],
});
