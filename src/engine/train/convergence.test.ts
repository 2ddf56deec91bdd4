// The engine learns: logistic regression and an MLP on separable synthetic
// data, a tiny transformer encoder on a token task, and the tied-embedding MLM path.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../util/rng.js';
import {
  Linear, MLP, Module, Predictor, Trainer, TransformerEncoder, fit, softmaxCrossEntropy,
  type Feeds, type ForwardFn, type InputSpec, type Tensor, type Ctx,
} from '../index.js';

function oneHot(labels: number[], k: number): Float32Array {
  const t = new Float32Array(labels.length * k);
  labels.forEach((y, i) => (t[i * k + y] = 1));
  return t;
}

/** Fraction of rows whose argmax logit is the label. */
function accuracy(logits: Float32Array, labels: number[]): number {
  const k = logits.length / labels.length;
  let right = 0;
  labels.forEach((y, i) => {
    const row = logits.subarray(i * k, (i + 1) * k);
    if (row.indexOf(Math.max(...row)) === y) right++;
  });
  return right / labels.length;
}

/** Trains with AdamW through `fit` and returns accuracy on held-out data. */
async function trainAndScore<M extends Module>(args: {
  module: M;
  inputs: Record<string, InputSpec>;
  logits: (ctx: Ctx, inputs: Record<string, Tensor>, m: M) => Tensor;
  train: { feeds: Feeds; labels: number[] };
  test: { feeds: Feeds; labels: number[] };
  classes: number;
  epochs: number;
  lr: number;
  batchSize?: number;
}): Promise<{ acc: number; losses: number[] }> {
  const t = await Trainer.create({
    module: args.module,
    inputs: { ...args.inputs, t: { dtype: 'float32', shape: ['batch', args.classes] } },
    loss: (ctx, inp, m) => softmaxCrossEntropy(args.logits(ctx, inp, m), inp.t),
    seed: 1,
  });
  const data = { ...args.train.feeds, t: { data: oneHot(args.train.labels, args.classes), dims: [args.train.labels.length, args.classes] } };
  const r = await fit(t, { data, batchSize: args.batchSize ?? 32, epochs: args.epochs, lr: args.lr, rng: new Rng(2) });
  const forward: ForwardFn<M> = (ctx, inp, m) => ({ logits: args.logits(ctx, inp, m) });
  const p = await Predictor.create({ module: args.module, inputs: args.inputs, forward }, t.getParams());
  const out = await p.run(args.test.feeds);
  return { acc: accuracy(out.logits.data as Float32Array, args.test.labels), losses: r.losses };
}

/** Points with a margin around a boundary: `label` decides the class, `keep` drops points too close to it. */
function points(n: number, d: number, seed: number, label: (x: Float32Array) => number, keep: (x: Float32Array) => boolean) {
  const rng = new Rng(seed);
  const x = new Float32Array(n * d);
  const labels: number[] = [];
  for (let i = 0; i < n; ) {
    const row = Float32Array.from({ length: d }, () => 2 * rng.next() - 1);
    if (!keep(row)) continue;
    x.set(row, i * d);
    labels.push(label(row));
    i++;
  }
  return { feeds: { x: { data: x, dims: [n, d] } } as Feeds, labels };
}

const xInput = (d: number): Record<string, InputSpec> => ({ x: { dtype: 'float32', shape: ['batch', d] } });

describe('convergence on separable problems', () => {
  const w = [0.9, -0.5, 0.3, 0.7, -0.2];
  const dot = (x: Float32Array) => x.reduce((s, v, i) => s + v * w[i], 0);
  const linear = { label: (x: Float32Array) => (dot(x) > 0 ? 1 : 0), keep: (x: Float32Array) => Math.abs(dot(x)) > 0.15 };
  const xor = { label: (x: Float32Array) => (x[0] * x[1] > 0 ? 1 : 0), keep: (x: Float32Array) => Math.abs(x[0]) > 0.1 && Math.abs(x[1]) > 0.1 };

  it('logistic regression separates a linearly separable problem', async () => {
    const { acc } = await trainAndScore({
      module: new MLP([5, 2]),
      inputs: xInput(5),
      logits: (ctx, { x }, m) => m.forward(ctx, x),
      train: points(256, 5, 1, linear.label, linear.keep),
      test: points(256, 5, 2, linear.label, linear.keep),
      classes: 2,
      epochs: 30,
      lr: 0.05,
    });
    expect(acc).toBeGreaterThanOrEqual(0.95);
  });

  it('an MLP learns XOR, which logistic regression cannot', async () => {
    const common = {
      inputs: xInput(2),
      train: points(256, 2, 3, xor.label, xor.keep),
      test: points(256, 2, 4, xor.label, xor.keep),
      classes: 2,
      epochs: 40,
      lr: 0.02,
    };
    const mlp = await trainAndScore({ ...common, module: new MLP([2, 32, 2]), logits: (ctx, { x }, m) => m.forward(ctx, x) });
    expect(mlp.acc).toBeGreaterThanOrEqual(0.95);
    const logreg = await trainAndScore({ ...common, module: new MLP([2, 2]), logits: (ctx, { x }, m) => m.forward(ctx, x) });
    expect(logreg.acc).toBeLessThan(0.75);
  });
});

class TokenClassifier extends Module {
  readonly encoder: TransformerEncoder;
  readonly head: Linear;
  constructor(vocabSize: number, maxLen: number) {
    super();
    this.encoder = this.module('encoder', new TransformerEncoder({ vocabSize, maxLen, dim: 16, heads: 2, layers: 1, ffDim: 32 }));
    this.head = this.module('head', new Linear(16, 2));
  }
  logits(ctx: Ctx, ids: Tensor, mask: Tensor): Tensor {
    return this.head.forward(ctx, this.encoder.pooled(ctx, this.encoder.hidden(ctx, ids, mask), mask));
  }
}

describe('TransformerEncoder', () => {
  const VOCAB = 10;
  const T = 8;
  const seqInputs: Record<string, InputSpec> = { ids: { dtype: 'int64', shape: ['batch', T] }, mask: { dtype: 'float32', shape: ['batch', T] } };

  /** Sequences of 3..8 real tokens from 1..9, padded with id 7 (masked), label: token 7 among the real tokens. */
  function sequences(n: number, seed: number) {
    const rng = new Rng(seed);
    const ids = new BigInt64Array(n * T);
    const mask = new Float32Array(n * T);
    const labels: number[] = [];
    for (let i = 0; i < n; i++) {
      const len = 3 + rng.int(T - 2);
      let has = 0;
      for (let j = 0; j < T; j++) {
        // Padding uses the very token the label looks for: only the mask tells it apart.
        const tok = j < len ? 1 + rng.int(VOCAB - 1) : 7;
        ids[i * T + j] = BigInt(tok);
        mask[i * T + j] = j < len ? 1 : 0;
        if (j < len && tok === 7) has = 1;
      }
      labels.push(has);
    }
    return { feeds: { ids: { data: ids, dims: [n, T] }, mask: { data: mask, dims: [n, T] } } as Feeds, labels };
  }

  it('learns whether token 7 appears, through pooled features and a Linear head (padding masked)', async () => {
    const test = sequences(256, 6);
    const base = test.labels.filter((y) => y === 1).length / test.labels.length;
    const { acc } = await trainAndScore({
      module: new TokenClassifier(VOCAB, T),
      inputs: seqInputs,
      logits: (ctx, { ids, mask }, m) => m.logits(ctx, ids, mask),
      train: sequences(512, 5),
      test,
      classes: 2,
      epochs: 12,
      lr: 0.01,
    });
    expect(Math.max(base, 1 - base)).toBeLessThan(0.7);
    expect(acc).toBeGreaterThanOrEqual(0.95);
  });

  it('tiedLogits: masked-token prediction against the tied embedding lowers the loss', async () => {
    // Sequences count up from a random start (mod 10); one position per sequence is replaced by MASK (id 10).
    const V = 11;
    const MASK = 10;
    const enc = new TransformerEncoder({ vocabSize: V, maxLen: T, dim: 16, heads: 2, layers: 1, ffDim: 32 });
    const t = await Trainer.create({
      module: enc,
      inputs: {
        ids: { dtype: 'int64', shape: ['batch', T] },
        mask: { dtype: 'float32', shape: ['batch', T] },
        positions: { dtype: 'int64', shape: ['m'] },
        targets: { dtype: 'float32', shape: ['m', V] },
      },
      loss: (ctx, { ids, mask, positions, targets }, m) => softmaxCrossEntropy(m.tiedLogits(ctx, m.hidden(ctx, ids, mask), positions), targets),
      seed: 2,
    });
    const rng = new Rng(8);
    const batch = (n: number): Feeds => {
      const ids = new BigInt64Array(n * T);
      const positions = new BigInt64Array(n);
      const targets = new Float32Array(n * V);
      for (let i = 0; i < n; i++) {
        const start = rng.int(10);
        const hole = rng.int(T);
        for (let j = 0; j < T; j++) ids[i * T + j] = BigInt(j === hole ? MASK : (start + j) % 10);
        positions[i] = BigInt(i * T + hole);
        targets[i * V + ((start + hole) % 10)] = 1;
      }
      return { ids: { data: ids, dims: [n, T] }, mask: { data: new Float32Array(n * T).fill(1), dims: [n, T] }, positions: { data: positions, dims: [n] }, targets: { data: targets, dims: [n, V] } };
    };
    const losses: number[] = [];
    for (let s = 0; s < 150; s++) losses.push((await t.step(batch(32), 0.01)).loss);
    const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    expect(mean(losses.slice(0, 5))).toBeGreaterThan(0.8 * Math.log(10));
    expect(mean(losses.slice(-10))).toBeLessThan(0.5 * mean(losses.slice(0, 5)));
  });
});
