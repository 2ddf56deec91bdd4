import { describe, expect, it } from 'vitest';
import { Graph, getSession, toOnnx, toOrt, type Tensor } from '../index.js';
import { binaryCrossEntropyWithLogits, gelu, klDivergence, layerNorm, mse, softmaxCrossEntropy } from './functional.js';

/** Runs a graph of two float64 inputs [2, 3] and returns the scalar or vector output. */
async function evaluate(build: (a: Tensor, b: Tensor) => Tensor, a: number[], b: number[], shape = [2, 3]): Promise<number[]> {
  const g = new Graph();
  const ta = g.input('a', 'float64', shape);
  const tb = g.input('b', 'float64', shape);
  const s = await getSession(toOnnx(g, { inputs: [ta, tb], outputs: { y: build(ta, tb) } }), { threads: 1 });
  const r = await s.run({ a: toOrt('float64', Float64Array.from(a), shape), b: toOrt('float64', Float64Array.from(b), shape) });
  return Array.from(r.y.data as Float64Array);
}

const logits = [1, 2, 0.5, -1, 0, 3];
const targets = [0.2, 0.7, 0.1, 0, 0, 1];
const lse = (r: number[]) => Math.log(r.reduce((s, v) => s + Math.exp(v), 0));

describe('losses and layers give the textbook values', () => {
  it('softmax cross-entropy against soft targets', async () => {
    const rows = [logits.slice(0, 3), logits.slice(3)];
    const want = rows.map((r, i) => -r.reduce((s, z, c) => s + targets[i * 3 + c] * (z - lse(r)), 0));
    const [got] = await evaluate((a, b) => softmaxCrossEntropy(a, b), logits, targets);
    expect(got).toBeCloseTo((want[0] + want[1]) / 2, 12);
  });
  it('KL(target || softmax(logits))', async () => {
    const rows = [logits.slice(0, 3), logits.slice(3)];
    const want = rows.map((r, i) => r.reduce((s, z, c) => { const t = targets[i * 3 + c]; return t > 0 ? s + t * (Math.log(t) - (z - lse(r))) : s; }, 0));
    const [got] = await evaluate((a, b) => klDivergence(a, b), logits, targets);
    expect(got).toBeCloseTo((want[0] + want[1]) / 2, 9);
  });
  it('binary cross-entropy with logits, stable for large logits', async () => {
    const z = [0.3, -2, 40, -40, 1, 0];
    const t = [1, 0, 1, 0, 0.5, 1];
    const per = z.map((v, i) => Math.max(v, 0) - v * t[i] + Math.log1p(Math.exp(-Math.abs(v))));
    const want = (per.slice(0, 3).reduce((a, b) => a + b) / 3 + per.slice(3).reduce((a, b) => a + b) / 3) / 2;
    const [got] = await evaluate((a, b) => binaryCrossEntropyWithLogits(a, b), z, t);
    expect(got).toBeCloseTo(want, 12);
  });
  it('mean squared error', async () => {
    const [got] = await evaluate((a, b) => mse(a, b), [1, 2, 3, 4, 5, 6], [1, 0, 3, 0, 5, 0]);
    expect(got).toBeCloseTo((4 + 16 + 36) / 6, 12);
  });
  it('layer norm over the last axis (unit gamma, zero beta)', async () => {
    const x = [1, 2, 3, -1, 0, 5];
    const g = new Graph();
    const t = g.input('x', 'float64', [2, 3]);
    const one = g.constant({ dtype: 'float64', shape: [3], data: Float64Array.of(1, 1, 1) });
    const zero = g.constant({ dtype: 'float64', shape: [3], data: Float64Array.of(0, 0, 0) });
    const s = await getSession(toOnnx(g, { inputs: [t], outputs: { y: layerNorm(t, one, zero, 0) } }), { threads: 1 });
    const y = Array.from((await s.run({ x: toOrt('float64', Float64Array.from(x), [2, 3]) })).y.data as Float64Array);
    for (const r of [0, 1]) {
      const row = x.slice(r * 3, r * 3 + 3);
      const mu = row.reduce((a, b) => a + b) / 3;
      const sd = Math.sqrt(row.reduce((a, v) => a + (v - mu) ** 2, 0) / 3);
      row.forEach((v, c) => expect(y[r * 3 + c]).toBeCloseTo((v - mu) / sd, 10));
    }
  });
  it('GELU matches x·Φ(x)', async () => {
    const g = new Graph();
    const t = g.input('x', 'float32', [4]);
    const s = await getSession(toOnnx(g, { inputs: [t], outputs: { y: gelu(t) } }), { threads: 1 });
    const y = (await s.run({ x: toOrt('float32', Float32Array.of(-2, -0.5, 0.5, 2), [4]) })).y.data as Float32Array;
    const phi = [0.0227501319, 0.3085375387, 0.6914624613, 0.9772498681];
    [-2, -0.5, 0.5, 2].forEach((v, i) => expect(y[i]).toBeCloseTo(v * phi[i], 5));
  });
});
