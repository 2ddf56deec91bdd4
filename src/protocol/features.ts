import type { Dataset } from '../tasks/index.js';
import { pretrainStepsOverride } from '../models/general/index.js';
import type { CacheEvents } from '../models/cache.js';
import { fileFeatures, finetuneSource, modelFeaturesOf, parseModel, type ModelFeatures, type ModelSpec } from '../models/kinds/index.js';
import { readFileSync } from 'node:fs';
import { weightsFingerprint, type FinetuneBase, type TokenRows } from '../models/finetune/index.js';
import { HfTokenizer, maxLenOf, resolveHfFolder, type Pooling } from '../models/hf/index.js';
import { hfRows, type HfRows } from '../models/hf/student.js';
import { checkStudentKind } from '../models/student-kind.js';

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
 * The encoder a model fine-tunes from, for `--student finetune` (the model
 * kind's `finetuneSource`): a ladder model's pretrained weights, or an `hf:`
 * folder's ONNX file (imported into the engine where students train), and
 * the examples tokenised by the model's tokenizer. Feature-matrix data and
 * models without an encoder fail, saying what to use instead.
 */
export async function modelEncoder(ds: Dataset, corpusName: string, model: string, opts: { cacheDir: string; threads?: number; events?: CacheEvents; pretrainSteps?: number }): Promise<ModelEncoder> {
  checkStudentKind('finetune', { kind: ds.kind, name: corpusName }, model);
  const texts = ds.examples.map((e) => e.text ?? '');
  const src = await finetuneSource(modelSpecFor(ds, model), { corpusName, texts, cacheDir: opts.cacheDir, threads: opts.threads, events: opts.events, pretrainSteps: opts.pretrainSteps ?? pretrainStepsOverride() });
  if (src.engine === 'ladder') return { kind: 'ladder', base: src.base, fingerprint: weightsFingerprint(src.base.theta), tokens: src.tokens };
  const folder = resolveHfFolder(src.spec.dir, src.spec.file);
  const tokenizer = HfTokenizer.load(folder, maxLenOf(src.spec, folder));
  return { kind: 'hf', onnx: new Uint8Array(readFileSync(src.onnxPath)), source: src.onnxPath, pooling: src.spec.pooling, tokens: hfRows(tokenizer, texts) };
}

/** Pretraining on the task's own text: see models/general (re-exported here, where the CLI and tests import them). */
export { PRETRAIN_STEPS_ENV, pretrainStepsOverride } from '../models/general/index.js';

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
