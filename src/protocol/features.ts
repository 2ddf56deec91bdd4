import type { Dataset } from '../tasks/index.js';
import { DEFAULT_TEXT, getModel, type LadderModel } from '../models/ladder.js';
import { ensureEncoder, ensureFeatures, type CacheEvents, type Corpus, type PretrainedEncoder } from '../models/cache.js';
import { weightsFingerprint, type FinetuneBase, type TokenRows } from '../models/finetune/index.js';
import { checkStudentKind } from '../models/student-kind.js';
import { deriveRng } from '../util/rng.js';
import { DataError, loadFeatureMatrix } from '../data/index.js';
import { configHash } from '../util/hash.js';
import { createHash } from 'node:crypto';

function contentHash(a: Float32Array): string {
  return createHash('sha256').update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest('hex');
}
import { ensureHfFeatures, HfTokenizer, isHfModel, maxLenOf, parseHfSpec, resolveHfFolder, type Pooling } from '../models/hf/index.js';
import { hfRows, type HfRows } from '../models/hf/student.js';
import { readFileSync } from 'node:fs';

export interface ModelFeatures {
  features: Float32Array;
  dim: number;
  /** Parameters of the model behind the features (for size plots). */
  params: number;
  /** What determines these features (model, its pretraining, the corpus, the encoding): joins the keys of everything built on them. */
  key: string;
}

/**
 * Every example's representation under a model. Text: a pretrained ladder
 * model's frozen features (pretrained now or taken from the cache), or an
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
  const enc = await ladderEncoder(corpus, model, opts);
  const f = await ensureFeatures({ cacheDir: opts.cacheDir, enc, corpus, threads: opts.threads });
  return { ...f, params: enc.encoder.numParams() };
}

type EncoderOptions = { cacheDir: string; threads?: number; events?: CacheEvents; pretrainSteps?: number };

/** A ladder model's tokenizer and pretrained encoder for a corpus (pretrained now, or from the cache). */
function ladderEncoder(corpus: Corpus, model: string, opts: EncoderOptions): Promise<PretrainedEncoder> {
  const ladder = withPretrainSteps(getModel(model), opts.pretrainSteps ?? pretrainStepsOverride());
  return ensureEncoder({ cacheDir: opts.cacheDir, corpus, model: ladder, text: DEFAULT_TEXT, threads: opts.threads, events: opts.events });
}

/** What fine-tuning a model starts from: its pretrained encoder and every example's token rows. */
export type ModelEncoder = LadderModelEncoder | HfModelEncoder;

export interface LadderModelEncoder {
  kind: 'ladder';
  base: FinetuneBase;
  /** Fingerprint of the pretrained weights (fine-tuned students name it for their frozen layers). */
  fingerprint: string;
  /** Row i is ds.examples[i], laid out by the model's tokenizer. */
  tokens: TokenRows;
}

export interface HfModelEncoder {
  kind: 'hf';
  /** The ONNX file's bytes (imported into the engine where students train) and its path. */
  onnx: Uint8Array;
  source: string;
  pooling: Pooling;
  /** Row i is ds.examples[i], tokenised by the folder's tokenizer.json. */
  tokens: HfRows;
}

/**
 * The encoder a model fine-tunes from, for `--student finetune`: a ladder
 * model's pretrained weights, or an `hf:` folder's ONNX file (imported into
 * the engine), and the examples tokenised by the model's tokenizer.
 * Feature-matrix data and models without an encoder (`raw`, `projN`,
 * `file:`) fail, saying what to use instead.
 */
export async function modelEncoder(ds: Dataset, corpusName: string, model: string, opts: EncoderOptions): Promise<ModelEncoder> {
  checkStudentKind('finetune', { kind: ds.kind, name: corpusName }, model);
  const texts = ds.examples.map((e) => e.text ?? '');
  if (isHfModel(model)) {
    const spec = parseHfSpec(model);
    const folder = resolveHfFolder(spec.dir, spec.file);
    const tokenizer = HfTokenizer.load(folder, maxLenOf(spec, folder));
    return { kind: 'hf', onnx: new Uint8Array(readFileSync(folder.onnxPath)), source: folder.onnxPath, pooling: spec.pooling, tokens: hfRows(tokenizer, texts) };
  }
  const enc = await ladderEncoder({ name: corpusName, texts }, model, opts);
  const maxLen = enc.text.maxLen;
  const { ids, mask } = enc.tokenizer.encodeBatch(texts, maxLen);
  return { kind: 'ladder', base: { config: enc.encoder.config, theta: enc.theta }, fingerprint: weightsFingerprint(enc.theta), tokens: { ids, mask, maxLen } };
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

/** The model with another number of pretraining steps; the steps are part of the encoder's cache key. */
function withPretrainSteps(m: LadderModel, steps: number | undefined): LadderModel {
  return steps === undefined || steps === m.pretrain.steps ? m : { ...m, pretrain: { ...m.pretrain, steps } };
}

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

