// Trainer: reproducible from its seed (dropout included, multi-threaded), and a
// diverging step throws NonFiniteLossError without touching the parameters.
import { describe, expect, it } from 'vitest';
import { Rng, deriveRng } from '../../util/rng.js';
import {
  Linear, MLP, NonFiniteLossError, ParamLayout, Trainer, adamw, fit, mse, sgd, softmaxCrossEntropy, type Ctx, type Feeds, type Optimizer, type Tensor,
} from '../index.js';

const sameBits = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

function problem(n: number, d: number, seed: number): Feeds {
  const rng = new Rng(seed);
  const x = Float32Array.from({ length: n * d }, () => rng.normal());
  const t = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) t[3 * i + (x[d * i] > 0.5 ? 0 : x[d * i] > -0.5 ? 1 : 2)] = 1;
  return { x: { data: x, dims: [n, d] }, t: { data: t, dims: [n, 3] } };
}

function create(module: MLP, opts: { seed?: number; theta?: Float32Array; optimizer?: Optimizer } = {}): Promise<Trainer<MLP>> {
  return Trainer.create({
    module,
    inputs: { x: { dtype: 'float32', shape: ['batch', module.sizes[0]] }, t: { dtype: 'float32', shape: ['batch', 3] } },
    loss: (ctx, { x, t }, m) => softmaxCrossEntropy(m.forward(ctx, x), t),
    ...opts,
  });
}

describe('determinism', () => {
  const data = problem(96, 8, 1);
  /** Trains a fresh Trainer (its own session, default threads) for 3 epochs with dropout 0.3. */
  async function train(seed: number, theta?: Float32Array): Promise<Float32Array> {
    const t = await create(new MLP([8, 64, 64, 3], { dropout: 0.3 }), { seed, theta });
    await fit(t, { data, batchSize: 16, epochs: 3, lr: 0.01, rng: deriveRng(0, 'shuffle') });
    return t.getParams();
  }

  it('the same seed gives bitwise identical weights from two separately created Trainers', async () => {
    const a = await train(7);
    const b = await train(7);
    expect(sameBits(a, b)).toBe(true);
  });

  it('a different seed gives different weights, through the dropout masks alone when the start is shared', async () => {
    const theta = new ParamLayout(new MLP([8, 64, 64, 3])).initialize(new Rng(99));
    const a = await train(7, theta);
    const b = await train(8, theta);
    expect(sameBits(a, b)).toBe(false);
    expect(sameBits(await train(7), await train(8))).toBe(false);
  });
});

describe('non-finite loss', () => {
  const good = problem(8, 4, 2);
  const nan: Feeds = { ...good, x: { data: Float32Array.from(good.x.data as Float32Array, (v, i) => (i === 5 ? NaN : v)), dims: good.x.dims } };

  it('NaN inputs throw NonFiniteLossError naming the step; parameters and optimizer state are kept', async () => {
    const t = await create(new MLP([4, 8, 3]), { seed: 3, optimizer: adamw() });
    await t.step(good, 0.01);
    const before = t.getParams();
    const err = await t.step(nan, 0.01).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonFiniteLossError);
    expect((err as NonFiniteLossError).step).toBe(2);
    expect((err as Error).message).toContain('step 2');
    expect((err as Error).message).toMatch(/NaN/);
    expect(sameBits(t.getParams(), before)).toBe(true);
    expect(t.steps).toBe(1);

    // The next good step continues as if the bad batch had never been seen (Adam moments and step count kept).
    const reference = await create(new MLP([4, 8, 3]), { seed: 3, optimizer: adamw() });
    await reference.step(good, 0.01);
    const r1 = await t.step(good, 0.01);
    const r2 = await reference.step(good, 0.01);
    expect(r1.step).toBe(2);
    expect(r1.loss).toBe(r2.loss);
    expect(sameBits(t.getParams(), reference.getParams())).toBe(true);
  });

  it('a learning rate large enough to overflow stops at the first non-finite loss', async () => {
    const t = await create(new MLP([4, 8, 3]), { seed: 3, optimizer: sgd() });
    let before = t.getParams();
    let err: unknown = null;
    for (let s = 1; s <= 5 && !err; s++) {
      before = t.getParams();
      err = await t.step(good, 1e30).then(() => null, (e: unknown) => e);
    }
    expect(err).toBeInstanceOf(NonFiniteLossError);
    const step = (err as NonFiniteLossError).step;
    expect(step).toBeGreaterThan(1);
    expect((err as Error).message).toContain(`step ${step}`);
    expect(sameBits(t.getParams(), before)).toBe(true);
    expect(t.steps).toBe(step - 1);
  });
});

describe('steps', () => {
  it('SGD steps equal w − lr·∇ computed on the host, step after step; getParams copies are not overwritten by later steps', async () => {
    // One linear unit, squared error on one row: ∇w = 2(w·x − y)x / 1 (mean over one row and one output).
    const module = new Linear(3, 1, { bias: false });
    const t = await Trainer.create({
      module,
      inputs: { x: { dtype: 'float32', shape: ['batch', 3] }, y: { dtype: 'float32', shape: ['batch', 1] } },
      loss: (ctx, { x, y }, m) => mse(m.forward(ctx, x), y),
      optimizer: sgd(),
      theta: Float32Array.of(0.5, -0.25, 1),
    });
    const x = Float32Array.of(1, 2, -1);
    const y = 0.75;
    const host = [0.5, -0.25, 1];
    const copies: Float32Array[] = [];
    for (let s = 0; s < 5; s++) {
      await t.step({ x: { data: x, dims: [1, 3] }, y: { data: Float32Array.of(y), dims: [1, 1] } }, 0.05);
      const err = host.reduce((a, w, i) => a + w * x[i], 0) - y;
      for (let i = 0; i < 3; i++) host[i] -= 0.05 * 2 * err * x[i];
      const got = t.getParams();
      for (let i = 0; i < 3; i++) expect(got[i]).toBeCloseTo(host[i], 5);
      copies.push(got);
    }
    // Each copy still holds its own step: consecutive ones differ, none was rewritten in place.
    for (let s = 1; s < copies.length; s++) expect(sameBits(copies[s], copies[s - 1])).toBe(false);
    expect(copies.map((c) => c[0])).toEqual([...new Set(copies.map((c) => c[0]))]);
  });
});

describe('frozen parameters', () => {
  it('`trainable` trains only the named parameters: the others stay bitwise (weight decay included), getParams returns all', async () => {
    const module = new MLP([8, 16, 3]);
    const start = new ParamLayout(module).initialize(new Rng(4));
    const t = await Trainer.create({
      module,
      inputs: { x: { dtype: 'float32', shape: ['batch', 8] }, t: { dtype: 'float32', shape: ['batch', 3] } },
      loss: (ctx, { x, t: y }, m) => softmaxCrossEntropy(m.forward(ctx, x), y),
      optimizer: adamw({ weightDecay: 0.1 }),
      theta: start,
      trainable: (name) => name.startsWith('fc1.'),
    });
    await fit(t, { data: problem(64, 8, 2), batchSize: 16, epochs: 2, lr: 0.01, rng: deriveRng(0, 'shuffle') });
    const after = t.getParams();
    expect(t.trainedLayout.entries.map((e) => e.name)).toEqual(['fc1.weight', 'fc1.bias']);
    for (const e of t.layout.entries) {
      const moved = !sameBits(after.subarray(e.offset, e.offset + e.size), start.subarray(e.offset, e.offset + e.size));
      expect(moved, e.name).toBe(e.name.startsWith('fc1.'));
    }
    expect(t.getTrainedParams().length).toBe(16 * 3 + 3);
  });

  it('refuses a `trainable` that accepts nothing', async () => {
    const spec = { module: new MLP([2, 2]), inputs: {}, loss: () => { throw new Error('unreachable'); }, trainable: () => false };
    await expect(Trainer.create(spec)).rejects.toThrow(/accepts none of the parameters/);
  });
});

describe('several steps in one run (stepsPerRun)', () => {
  const batches = [problem(32, 8, 11), problem(32, 8, 12), problem(32, 8, 13), problem(20, 8, 14)];
  const lrs = [0.02, 0.015, 0.01, 0.005];
  const make = (stepsPerRun?: number) =>
    Trainer.create({
      module: new MLP([8, 32, 3]),
      inputs: { x: { dtype: 'float32', shape: ['batch', 8] }, t: { dtype: 'float32', shape: ['batch', 3] } },
      loss: (ctx, { x, t }, m) => softmaxCrossEntropy(m.forward(ctx, x), t),
      optimizer: adamw({ weightDecay: 0.01 }),
      clipNorm: 0.5,
      seed: 4,
      runtime: { threads: 1 },
      stepsPerRun,
    });

  it('gives bitwise the weights, losses and norms of as many single steps, batches of other sizes included', async () => {
    const one = await make();
    const single = [];
    for (let s = 0; s < 4; s++) single.push(await one.step(batches[s], lrs[s]));
    const many = await make(4);
    const grouped = await many.stepMany(batches, lrs);
    expect(grouped).toEqual(single);
    expect(many.steps).toBe(4);
    expect(sameBits(many.getParams(), one.getParams())).toBe(true);
    // Single steps after a grouped run continue from its optimizer state, as after single steps.
    await one.step(batches[0], 0.01);
    await many.step(batches[0], 0.01);
    expect(sameBits(many.getParams(), one.getParams())).toBe(true);
  });

  it('a NaN in any batch throws for that step and leaves the parameters as they were before the run', async () => {
    const t = await make(2);
    await t.stepMany(batches.slice(0, 2), lrs.slice(0, 2));
    const before = t.getParams();
    const bad: Feeds = { ...batches[1], x: { data: Float32Array.from(batches[1].x.data as Float32Array, (v, i) => (i === 3 ? NaN : v)), dims: batches[1].x.dims } };
    const err = await t.stepMany([batches[0], bad], lrs.slice(0, 2)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NonFiniteLossError);
    expect((err as NonFiniteLossError).step).toBe(4);
    expect(sameBits(t.getParams(), before)).toBe(true);
    expect(t.steps).toBe(2);
  });

  it('says what is wrong with a bad count, and refuses dropout', async () => {
    await expect((await make(3)).stepMany(batches.slice(0, 2), lrs.slice(0, 2))).rejects.toThrow(/exactly stepsPerRun = 3 batches/);
    await expect((await make()).stepMany(batches.slice(0, 1), lrs.slice(0, 1))).rejects.toThrow(/created with stepsPerRun 1, so use step\(\)/);
    await expect(make(0)).rejects.toThrow(/stepsPerRun must be a whole number ≥ 1, got 0/);
    const dropout = new MLP([8, 16, 3], { dropout: 0.1 });
    const spec = { module: dropout, inputs: { x: { dtype: 'float32' as const, shape: ['batch', 8] }, t: { dtype: 'float32' as const, shape: ['batch', 3] } }, loss: (ctx: Ctx, { x, t }: Record<string, Tensor>, m: MLP) => softmaxCrossEntropy(m.forward(ctx, x), t) };
    await expect(Trainer.create({ ...spec, stepsPerRun: 2 })).rejects.toThrow(/does not support dropout/);
  });
});
