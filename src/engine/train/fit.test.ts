// fit: steps per epoch with the remainder kept, the schedule fed per step, and
// early stopping that stops after `patience` and restores the best parameters.
import { describe, expect, it } from 'vitest';
import { Rng } from '../../util/rng.js';
import { MLP, Trainer, fit, linearLr, softmaxCrossEntropy, type Feeds } from '../index.js';

function problem(n: number, seed: number): Feeds {
  const rng = new Rng(seed);
  const x = Float32Array.from({ length: n * 3 }, () => rng.normal());
  const t = new Float32Array(n * 2);
  for (let i = 0; i < n; i++) t[2 * i + (x[3 * i] + x[3 * i + 1] > 0 ? 1 : 0)] = 1;
  return { x: { data: x, dims: [n, 3] }, t: { data: t, dims: [n, 2] } };
}

function trainer(stepsPerRun?: number): Promise<Trainer<MLP>> {
  return Trainer.create({
    module: new MLP([3, 8, 2]),
    inputs: { x: { dtype: 'float32', shape: ['batch', 3] }, t: { dtype: 'float32', shape: ['batch', 2] } },
    loss: (ctx, { x, t }, m) => softmaxCrossEntropy(m.forward(ctx, x), t),
    seed: 1,
    stepsPerRun,
  });
}

const sameBits = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer).equals(Buffer.from(b.buffer));

describe('fit', () => {
  it('runs ceil(n / batch) steps per epoch and feeds the schedule step by step', async () => {
    const t = await trainer();
    const lrs: number[] = [];
    const epochs: number[] = [];
    const r = await fit(t, {
      data: problem(10, 1),
      batchSize: 4,
      epochs: 2,
      lr: linearLr(0.01),
      rng: new Rng(2),
      onStep: (s) => lrs.push(s.lr),
      onEpoch: (e) => epochs.push(e.epoch),
    });
    expect(r.steps).toBe(6);
    expect(r.losses).toHaveLength(6);
    expect(r.epochs).toBe(2);
    expect(r.stoppedEarly).toBe(false);
    expect(t.steps).toBe(6);
    expect(epochs).toEqual([1, 2]);
    lrs.forEach((lr, i) => expect(lr).toBeCloseTo(0.01 * (1 - i / 6), 12));
  });

  it('groups steps into runs of the trainer’s stepsPerRun with the same weights, losses and per-step progress', async () => {
    const run = async (k?: number) => {
      const t = await trainer(k);
      const seen: [number, number][] = [];
      const r = await fit(t, { data: problem(30, 3), batchSize: 4, epochs: 2, lr: linearLr(0.05), rng: new Rng(4), onStep: (s) => seen.push([s.step, s.lr]) });
      return { r, seen, theta: t.getParams() };
    };
    const one = await run();
    const grouped = await run(3); // 8 batches an epoch: two runs of 3, then 2 single steps
    expect(grouped.r).toEqual(one.r);
    expect(grouped.seen).toEqual(one.seen);
    expect(sameBits(grouped.theta, one.theta)).toBe(true);
  });

  it('stops after `patience` evaluations without improvement and restores the best parameters', async () => {
    const t = await trainer();
    const scores = [0.5, 0.8, 0.6, 0.7, 0.95, 0.99];
    const seen: Float32Array[] = [];
    const r = await fit(t, {
      data: problem(12, 3),
      batchSize: 4,
      epochs: 6,
      lr: 0.05,
      rng: new Rng(4),
      earlyStopping: {
        patience: 2,
        evaluate: async (theta) => {
          seen.push(theta);
          return scores[seen.length - 1];
        },
      },
    });
    expect(r.stoppedEarly).toBe(true);
    expect(r.epochs).toBe(4);
    expect(r.steps).toBe(4 * 3);
    expect(r.bestEpoch).toBe(2);
    expect(r.bestScore).toBe(0.8);
    // The parameters are those evaluated after epoch 2, not the last ones.
    expect(sameBits(t.getParams(), seen[1])).toBe(true);
    expect(sameBits(seen[1], seen[3])).toBe(false);
  });

  it("mode 'min' keeps the lowest score; `every` evaluates every k epochs and at the end", async () => {
    const t = await trainer();
    const evaluatedAt: number[] = [];
    const scores = [3, 1, 2];
    let calls = 0;
    const r = await fit(t, {
      data: problem(8, 5),
      batchSize: 4,
      epochs: 5,
      lr: 0.05,
      rng: new Rng(6),
      onEpoch: (e) => e.score !== undefined && evaluatedAt.push(e.epoch),
      earlyStopping: { mode: 'min', every: 2, patience: 5, evaluate: async () => scores[calls++] },
    });
    expect(evaluatedAt).toEqual([2, 4, 5]);
    expect(r.bestEpoch).toBe(4);
    expect(r.bestScore).toBe(1);
    expect(r.stoppedEarly).toBe(false);
  });

  it('refuses empty data', async () => {
    const t = await trainer();
    const empty = { x: { data: new Float32Array(0), dims: [0, 3] }, t: { data: new Float32Array(0), dims: [0, 2] } };
    await expect(fit(t, { data: empty, batchSize: 4, epochs: 1, lr: 0.1, rng: new Rng(0) })).rejects.toThrow(/no training examples/);
  });
});
