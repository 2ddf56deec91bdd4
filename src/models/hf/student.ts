import { createHash } from 'node:crypto';
import { adamw, decodeModel, exportOnnx, linearLr, ParamLayout, Predictor, slice, softmax, Trainer, withPredictor, type Feeds, type PredictorSpec } from '../../engine/index.js';
import { deriveRng } from '../../util/rng.js';
import { takeRows } from '../../util/rows.js';
import { rowBytes } from '../row-order.js';
import { checkStudentTargets, inContentOrder, lossInputSpecs, scalarFeeds, shuffledBatches, studentLoss, trainEpochs, type StudentTrainCommon } from '../student-training.js';
import { rowCount, rowLengths, takeTokenRows, type TokenRows } from '../finetune/tokens.js';
import { lengthOrder } from '../length-batches.js';
import type { ParamTensor } from '../finetune/value.js';
import { HfClassifier } from './classifier.js';
import { DEFAULT_HF_FINETUNE, modelFeeds, type HfFinetuneConfig } from './finetune.js';
import type { Pooling } from './pooling.js';
import type { HfTokenizer } from './tokenize.js';

/** Token rows of an HF tokenizer: the ids, the mask, the token-type ids and the id padding is written with. */
export interface HfRows extends TokenRows {
  typeIds: Int32Array;
  padId: number;
}

/** Texts tokenised by the model's tokenizer, as rows of `tokenizer.maxLen` (each at its real length when batched). */
export function hfRows(tokenizer: HfTokenizer, texts: readonly string[]): HfRows {
  const L = tokenizer.maxLen;
  const ids = new Int32Array(texts.length * L).fill(tokenizer.padId);
  const typeIds = new Int32Array(texts.length * L);
  const mask = new Float32Array(texts.length * L);
  texts.forEach((t, r) => {
    const e = tokenizer.encode(t);
    ids.set(e.ids, r * L);
    typeIds.set(e.typeIds, r * L);
    mask.fill(1, r * L, r * L + e.ids.length);
  });
  return { ids, mask, typeIds, maxLen: L, padId: tokenizer.padId };
}

/** What identifies an HF student's model: the ONNX file's bytes (16 hex chars of SHA-256). */
export function onnxFingerprint(onnx: Uint8Array): string {
  return createHash('sha256').update(onnx).digest('hex').slice(0, 16);
}

export interface HfStudentConfig {
  /** Fingerprint of the ONNX file whose frozen initializers the student keeps. */
  model: string;
  trainLayers: number | 'all';
  numClasses: number;
  /** Head outputs: numClasses plus any auxiliary outputs. */
  outputs: number;
  pooling: Pooling;
}

/**
 * A fine-tuned HF encoder as a value: the trained parameters only — the top
 * layers' initializers (`encoder.<initializer>`) and the linear head — by their
 * name in the classifier's layout. The frozen ones stay in the ONNX file
 * `config.model` names.
 */
export interface HfStudentValue {
  kind: 'hf-finetune';
  config: HfStudentConfig;
  params: Record<string, ParamTensor>;
}

/** A fine-tuned HF student ready to predict token rows. */
export class HfStudent {
  constructor(
    private readonly clf: HfClassifier,
    readonly theta: Float32Array,
    readonly value: HfStudentValue,
    private readonly threads?: number,
  ) {}

  private spec(): PredictorSpec<HfClassifier> {
    const { numClasses: k, outputs } = this.value.config;
    return {
      module: this.clf,
      inputs: this.clf.inputSpecs(),
      forward: (ctx, x, m) => {
        const logits = m.forward(ctx, x);
        return { probs: softmax(outputs > k ? slice(logits, [0], [k], [1]) : logits, -1) };
      },
      runtime: { threads: this.threads },
    };
  }

  /** Class probabilities [n, k] (auxiliary outputs dropped), batched by length. */
  async predict(rows: HfRows, batchSize = 64): Promise<Float32Array> {
    const { numClasses: k, pooling } = this.value.config;
    const n = rowCount(rows);
    const out = new Float32Array(n * k);
    if (n === 0) return out;
    const lengths = rowLengths(rows);
    const order = lengthOrder(lengths);
    await withPredictor(Predictor.create(this.spec(), this.theta), async (p) => {
      for (let s = 0; s < n; s += batchSize) {
        const batch = order.subarray(s, Math.min(n, s + batchSize));
        const probs = (await p.run(hfFeeds(rows, batch, lengths, pooling))).probs.data as Float32Array;
        batch.forEach((r, i) => out.set(probs.subarray(i * k, (i + 1) * k), r * k));
      }
    });
    return out;
  }

  /** Writes the student (the encoder with its trained layers, pooling and head; output `probs`) as one .onnx file for any ONNX Runtime. */
  export(path: string): void {
    exportOnnx(path, this.spec(), this.theta);
  }
}

export interface HfStudentTrainOptions extends StudentTrainCommon<HfStudent> {
  /** The ONNX file's bytes (the method process cannot read the folder). */
  onnx: Uint8Array;
  source: string;
  pooling: Pooling;
  rows: HfRows;
  config?: Partial<HfFinetuneConfig>;
}

/**
 * Fine-tunes an imported HF encoder's top layers (or all) with a linear head
 * on the rows, soft targets, weights and loss given — the same contract as a
 * ladder student — with AdamW, a 10% warm-up then linear decay, and batches
 * drawn from `seed`, each at its longest real row.
 */
export async function trainHfStudent(given: HfStudentTrainOptions): Promise<HfStudent> {
  const cfg = { ...DEFAULT_HF_FINETUNE, ...given.config };
  const n = rowCount(given.rows);
  if (n === 0) throw new Error('trainHfStudent: no rows to train on');
  const outputs = checkStudentTargets('trainHfStudent', n, given);
  const L = given.rows.maxLen;
  const { order, options } = inContentOrder(given, n, outputs, (i) => [rowBytes(given.rows.ids, L, i), rowBytes(given.rows.mask, L, i), rowBytes(given.rows.typeIds, L, i)]);
  const o = { ...options, rows: takeTokenRows(given.rows, order) };
  const clf = classifierFor(o.onnx, o.source, outputs, cfg.trainLayers);
  const loss = studentLoss(o.loss, o.scalars);
  const specs = clf.inputSpecs();
  const batchDim = specs.input_ids.shape[0];
  const trainer = await Trainer.create({
    module: clf,
    inputs: { ...specs, ...lossInputSpecs(outputs, o.scalars, batchDim) },
    loss: (ctx, x, m) => loss(ctx, m.forward(ctx, x), x),
    optimizer: adamw({ weightDecay: cfg.weightDecay }),
    theta: clf.initialTheta(deriveRng(o.seed, 'hf-head')),
    seed: o.seed,
    runtime: { threads: o.threads },
  });
  const config: HfStudentConfig = { model: onnxFingerprint(o.onnx), trainLayers: cfg.trainLayers, numClasses: o.numClasses, outputs, pooling: o.pooling };
  const student = (theta: Float32Array) => new HfStudent(clf, theta, toValue(clf, theta, config), o.threads);
  const lengths = rowLengths(o.rows);
  const weights = o.weights ?? new Float32Array(n).fill(1);
  const total = Math.ceil(n / cfg.batchSize) * cfg.epochs;
  const schedule = linearLr(cfg.lr, { warmup: 0.1 });
  const rng = deriveRng(o.seed, 'hf-batches');
  let step = 0;
  const epoch = async () => {
    for (const batch of shuffledBatches(n, cfg.batchSize, rng)) {
      const feeds: Feeds = {
        ...hfFeeds(o.rows, batch, lengths, o.pooling),
        t: { data: takeRows(o.targets, outputs, batch), dims: [batch.length, outputs] },
        w: { data: takeRows(weights, 1, batch), dims: [batch.length] },
        ...scalarFeeds(o.scalars, step, total),
      };
      await trainer.step(feeds, schedule(step, total));
      step++;
    }
  };
  return student(await trainEpochs({ epochs: cfg.epochs, epoch, params: () => trainer.getParams(), student, selectEpoch: o.selectEpoch, patience: o.patience ?? 2 }));
}

/**
 * Rebuilds an HF student from its value and the ONNX file it was trained
 * from: checks the file's fingerprint, then exactly the parameters the
 * classifier trains, each with its shape and finite numbers.
 */
export function loadHfStudent(v: unknown, onnx: Uint8Array, opts: { source: string; numClasses: number; threads?: number; why?: string }): HfStudent {
  const fail = (what: string): never => {
    throw new Error(`${opts.why ?? 'HF student'}: ${what}`);
  };
  if (typeof v !== 'object' || v === null) fail('is not an object');
  const s = v as HfStudentValue;
  if (s.kind !== 'hf-finetune') fail(`kind is ${JSON.stringify(s.kind)}, expected "hf-finetune"`);
  const c = s.config;
  if (typeof c !== 'object' || c === null) fail('has no config');
  if (c.model !== onnxFingerprint(onnx)) fail(`it was trained on the ONNX file ${String(c.model)}, not ${opts.source} (${onnxFingerprint(onnx)})`);
  if (c.numClasses !== opts.numClasses) fail(`numClasses ${String(c.numClasses)} is not the task's ${opts.numClasses}`);
  if (!Number.isInteger(c.outputs) || c.outputs < c.numClasses || c.outputs > 1 << 14) fail(`outputs must be an integer from ${c.numClasses} to ${1 << 14}, got ${String(c.outputs)}`);
  if (!(c.trainLayers === 'all' || (Number.isInteger(c.trainLayers) && c.trainLayers >= 0 && c.trainLayers <= 1024))) fail(`trainLayers must be 'all' or a layer count, got ${JSON.stringify(c.trainLayers)}`);
  if (!['mean', 'cls', 'last'].includes(c.pooling)) fail(`pooling ${JSON.stringify(c.pooling)} is not mean, cls or last`);
  const clf = classifierFor(onnx, opts.source, c.outputs, c.trainLayers);
  const layout = new ParamLayout(clf);
  const theta = new Float32Array(layout.total);
  const given = s.params;
  if (typeof given !== 'object' || given === null) fail('has no params');
  for (const e of layout.entries) {
    const t = given[e.name];
    if (!t) fail(`is missing the trained parameter "${e.name}"`);
    if (!(t.data instanceof Float32Array) || t.data.length !== e.size) fail(`"${e.name}" must be a Float32Array of ${e.size} values (shape [${e.spec.shape}])`);
    for (let i = 0; i < t.data.length; i++) if (!Number.isFinite(t.data[i])) fail(`"${e.name}" holds ${t.data[i]} at ${i}; the student diverged`);
    theta.set(t.data, e.offset);
  }
  const extra = Object.keys(given).filter((k) => !layout.entries.some((e) => e.name === k));
  if (extra.length) fail(`holds parameters the classifier does not train: ${extra.slice(0, 4).join(', ')}`);
  return new HfStudent(clf, theta, { kind: 'hf-finetune', config: { ...c }, params: given }, opts.threads);
}

function classifierFor(onnx: Uint8Array, source: string, outputs: number, trainLayers: number | 'all'): HfClassifier {
  return new HfClassifier({ model: decodeModel(onnx, source), source }, { numClasses: outputs, trainLayers });
}

function toValue(clf: HfClassifier, theta: Float32Array, config: HfStudentConfig): HfStudentValue {
  const params: Record<string, ParamTensor> = {};
  for (const e of new ParamLayout(clf).entries) params[e.name] = { shape: [...e.spec.shape], data: theta.slice(e.offset, e.offset + e.size) };
  return { kind: 'hf-finetune', config, params };
}

/** The listed rows as one batch of the classifier's inputs (pooling weights included), cut to the longest real row among them. */
export function hfFeeds(t: HfRows, rows: ArrayLike<number>, lengths: Int32Array, pooling: Pooling): Feeds {
  let seq = 1;
  for (let i = 0; i < rows.length; i++) seq = Math.max(seq, lengths[rows[i]]);
  const B = rows.length;
  const ids = new BigInt64Array(B * seq);
  const mask = new BigInt64Array(B * seq);
  const typeIds = new BigInt64Array(B * seq);
  for (let i = 0; i < B; i++) {
    const src = rows[i] * t.maxLen;
    for (let j = 0; j < seq; j++) {
      ids[i * seq + j] = BigInt(t.ids[src + j]);
      mask[i * seq + j] = t.mask[src + j] ? 1n : 0n;
      typeIds[i * seq + j] = BigInt(t.typeIds[src + j]);
    }
  }
  return modelFeeds({ batch: B, seqLen: seq, ids, mask, typeIds }, pooling);
}

