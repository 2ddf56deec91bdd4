// Fine-tuning through the engine: gradients reach every trained parameter, frozen
// layers stay bitwise, a seed fixes the weights, and fine-tuning learns what a
// probe on frozen features cannot.
import { describe, expect, it } from 'vitest';
import {
  Graph, ParamLayout, getSession, grad, logSoftmax, makeCtx, mul, neg, paramSource, slice, softmaxCrossEntropy, splitParams, toOnnx, toOrt,
  weightedMean, type Tensor,
} from '../../engine/index.js';
import { rejectionOf } from '../../engine/testing/rejection.js';
import { Rng } from '../../util/rng.js';
import { trainProbe } from '../probe.js';
import { FinetuneModel, encoderInputs, isTrained } from './model.js';
import { ENCODER_INPUTS, headFeatures, runRows } from './predict.js';
import { TINY, accuracy, orderBlindBase, orderTask, randomBase } from './testing.js';
import { rowCount, rowLengths, takeTokenRows, tokenBatch } from './tokens.js';
import { takeRows } from '../../util/rows.js';
import { trainFinetune } from './train.js';

const sameBits = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
const base = randomBase(TINY, 0);
const train = orderTask(512, 1);
const test = orderTask(256, 2);
const quick = { epochs: 2, lr: 3e-3 };

describe('gradients', () => {
  it('the loss has a nonzero gradient for every parameter of the model (encoder, embeddings and head)', async () => {
    const model = new FinetuneModel(TINY, 2, [8]);
    const layout = new ParamLayout(model);
    // Non-zero head output weights, so the gradient flows past the zero-initialised last layer.
    const theta = layout.initialize(new Rng(3));
    for (const e of layout.entries) if (e.name === 'head.fc1.weight') for (let i = 0; i < e.size; i++) theta[e.offset + i] = 0.1 * Math.sin(i + 1);
    const g = new Graph();
    const th = g.input('theta', 'float32', [layout.total]);
    const inputs = Object.fromEntries(Object.entries({ ...ENCODER_INPUTS, t: { dtype: 'float32', shape: ['batch', 2] } } as const).map(([n, s]) => [n, g.input(n, s.dtype, s.shape)]));
    const params = splitParams(layout, th);
    const ctx = makeCtx(g, false, 0, paramSource(layout, params));
    const st = { mean: new Float32Array(model.featureDim), scale: new Float32Array(model.featureDim).fill(1) };
    const loss = softmaxCrossEntropy(model.logits(ctx, encoderInputs(inputs), st), inputs.t);
    const grads = grad(loss, layout.entries.map((e) => params.get(e.spec)!));
    const outputs: Record<string, Tensor> = Object.fromEntries(layout.entries.map((e, i) => [`g${i}`, grads[i]]));
    const session = await getSession(toOnnx(g, { inputs: [th, ...Object.values(inputs)], outputs, name: 'grads' }));
    const rows = Int32Array.from({ length: 32 }, (_, i) => i);
    const b = tokenBatch(train.tokens, rows, rowLengths(train.tokens));
    const out = await session.run({
      theta: toOrt('float32', theta, [layout.total]),
      ids: toOrt('int64', b.ids.data, b.ids.dims),
      mask: toOrt('float32', b.mask.data, b.mask.dims),
      positions: toOrt('int64', b.positions.data, b.positions.dims),
      focus: toOrt('int64', b.focus.data, b.focus.dims),
      t: toOrt('float32', train.targets.subarray(0, 64), [32, 2]),
    });
    const dead = layout.entries.filter((e, i) => !(out[`g${i}`].data as Float32Array).some((v) => v !== 0)).map((e) => e.name);
    expect(dead).toEqual([]);
  });
});

describe('freezing', () => {
  it('with the top 1 block trained, the embeddings and lower block stay bitwise as pretrained; the top block and head move', async () => {
    const c = await trainFinetune({ base: { config: TINY, theta: base }, tokens: train.tokens, targets: train.targets, numClasses: 2, seed: 0, config: { ...quick, layers: 1 } });
    const layout = new ParamLayout(c.model);
    const encLayout = new ParamLayout(c.model.encoder);
    const baseAt = new Map(encLayout.entries.map((e) => [`encoder.${e.name}`, e]));
    let frozen = 0;
    for (const e of layout.entries) {
      const now = c.theta.subarray(e.offset, e.offset + e.size);
      const b = baseAt.get(e.name);
      if (!isTrained(e.name, 1, TINY.layers)) {
        frozen++;
        expect(sameBits(now, base.subarray(b!.offset, b!.offset + b!.size)), e.name).toBe(true);
      } else if (b) {
        expect(sameBits(now, base.subarray(b.offset, b.offset + b.size)), e.name).toBe(false);
      }
    }
    expect(frozen).toBeGreaterThan(10);
    expect(Object.keys(c.value.encoder).every((n) => n.startsWith('block1.') || n.startsWith('ln_f.'))).toBe(true);
  });
});

describe('determinism', () => {
  it('the same seed gives the same weights twice (dropout on); another seed does not', async () => {
    const run = (seed: number) => trainFinetune({ base: { config: TINY, theta: base }, tokens: train.tokens, targets: train.targets, numClasses: 2, seed, config: { ...quick, dropout: 0.1 } });
    const [a, b, c] = [await run(5), await run(5), await run(6)];
    expect(sameBits(a.theta, b.theta)).toBe(true);
    expect(sameBits(a.theta, c.theta)).toBe(false);
  });

  it('rows that arrive in another order give the same weights bitwise', async () => {
    const run = (tokens: typeof train.tokens, targets: Float32Array) => trainFinetune({ base: { config: TINY, theta: base }, tokens, targets, numClasses: 2, seed: 5, config: { ...quick, dropout: 0.1 } });
    const p = new Rng(4).permutation(rowCount(train.tokens));
    const [a, b] = [await run(train.tokens, train.targets), await run(takeTokenRows(train.tokens, p), takeRows(train.targets, 2, p))];
    expect(sameBits(a.theta, b.theta)).toBe(true);
  });
});

describe('fine-tuning against its frozen-probe twin', () => {
  it('on an order task over an order-blind encoder, fine-tuning learns positions (> 0.9) while probes on its frozen features stay near chance', async () => {
    // Same bag of tokens in both classes, and an encoder with zero position embeddings.
    const blind = orderBlindBase(TINY, 0);
    const tuned = await trainFinetune({ base: { config: TINY, theta: blind }, tokens: train.tokens, targets: train.targets, numClasses: 2, seed: 0, config: { epochs: 10, lr: 3e-3, dropout: 0 } });
    const head = await trainFinetune({ base: { config: TINY, theta: blind }, tokens: train.tokens, targets: train.targets, numClasses: 2, seed: 0, config: { epochs: 10, lr: 3e-3, dropout: 0, layers: 0 } });
    // The protocol's probe on the same three frozen views.
    const model = new FinetuneModel(TINY, 2, []);
    const theta = new Float32Array(new ParamLayout(model).total);
    theta.set(blind);
    const feats = (t: typeof train) => runRows({ model, output: headFeatures, width: model.featureDim, tokens: t.tokens, theta });
    const probe = await trainProbe({ features: await feats(train), dim: model.featureDim, targets: train.targets, numClasses: 2, seed: 0, config: { hidden: [64], epochs: 40 } });
    const accTuned = accuracy(await tuned.predict(test.tokens), test.labels);
    const accHead = accuracy(await head.predict(test.tokens), test.labels);
    const accProbe = accuracy(await probe.predict(await feats(test)), test.labels);
    expect(accTuned).toBeGreaterThan(0.9);
    expect(Math.max(accHead, accProbe)).toBeLessThan(0.65);
  });
});

describe('bad use', () => {
  const opts = { base: { config: TINY, theta: base }, tokens: train.tokens, targets: train.targets, numClasses: 2, seed: 0 };
  it('names the problem: layers out of range, targets of the wrong width, base weights of another encoder', async () => {
    expect((await rejectionOf(trainFinetune({ ...opts, config: { layers: 3 } }))).message).toMatch(/layers must be an integer 0\.\.2/);
    expect((await rejectionOf(trainFinetune({ ...opts, targets: new Float32Array(10) }))).message).toMatch(/targets have 10 values, expected 512×2/);
    expect((await rejectionOf(trainFinetune({ ...opts, base: { config: TINY, theta: base.subarray(1) } }))).message).toMatch(/base has \d+ weights/);
    expect((await rejectionOf(trainFinetune({ ...opts, extraOutputs: 1, targets: new Float32Array(512 * 3) }))).message).toMatch(/needs a custom loss/);
  });
});

describe('custom losses', () => {
  it('runs a ProbeLoss unchanged, with its per-step scalars: a loss that ignores the targets and rewards class 1 by a fed coefficient', async () => {
    const seen: number[] = [];
    const c = await trainFinetune({
      base: { config: TINY, theta: base },
      tokens: train.tokens,
      targets: train.targets,
      numClasses: 2,
      seed: 0,
      config: { epochs: 1, batchSize: 64, lr: 3e-3 },
      loss: ({ logits, weights, scalars }) => mul(weightedMean(neg(slice(logSoftmax(logits), [1], [2], [1])), weights), scalars.coef),
      scalars: { names: ['coef'], at: (step, total) => (seen.push(total), { coef: 1 }) },
    });
    const probs = await c.predict(test.tokens);
    expect(Array.from({ length: 256 }, (_, i) => probs[2 * i + 1]).every((p) => p > 0.5)).toBe(true);
    expect(seen).toEqual(new Array(8).fill(8));
  });
});
