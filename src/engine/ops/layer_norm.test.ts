// The fused LayerNormalization and its hand-written gradient against the same function
// written out of primitive ops (what layerNorm built before) and differentiated by autodiff.
import { describe, expect, it } from 'vitest';
import { Graph, ShapeError, add, div, getSession, grad, layerNormalization, mul, reduceMean, reduceSum, sqrt, sub, toOnnx, toOrt, type Tensor } from '../index.js';
import { Rng } from '../../util/rng.js';

const expanded = (x: Tensor, gamma: Tensor, beta: Tensor, eps: number): Tensor => {
  const mu = reduceMean(x, -1, true);
  const xc = sub(x, mu);
  return add(mul(div(xc, sqrt(add(reduceMean(mul(xc, xc), -1, true), eps))), gamma), beta);
};

async function valueAndGrads(norm: typeof expanded, data: Record<'x' | 'gamma' | 'beta' | 'w', Float32Array>, shape: number[]) {
  const g = new Graph();
  const d = shape[shape.length - 1];
  const x = g.input('x', 'float32', shape);
  const gamma = g.input('gamma', 'float32', [d]);
  const beta = g.input('beta', 'float32', [d]);
  const w = g.input('w', 'float32', shape);
  const y = norm(x, gamma, beta, 1e-5);
  const loss = reduceSum(mul(mul(y, y), w));
  const [dx, dgamma, dbeta] = grad(loss, [x, gamma, beta]);
  const session = await getSession(toOnnx(g, { inputs: [x, gamma, beta, w], outputs: { y, dx, dgamma, dbeta } }), { threads: 1 });
  const out = await session.run({ x: toOrt('float32', data.x, shape), gamma: toOrt('float32', data.gamma, [d]), beta: toOrt('float32', data.beta, [d]), w: toOrt('float32', data.w, shape) });
  return Object.fromEntries(['y', 'dx', 'dgamma', 'dbeta'].map((k) => [k, out[k].data as Float32Array]));
}

const maxAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe('layerNormalization', () => {
  it('computes what the primitive-op form computes, value and gradients of x, gamma and beta', async () => {
    const rng = new Rng(3);
    const shape = [3, 5, 16];
    const n = shape.reduce((a, b) => a * b, 1);
    const draw = (k: number, scale = 1, shift = 0) => Float32Array.from({ length: k }, () => shift + scale * rng.normal());
    const data = { x: draw(n, 2, 0.5), gamma: draw(16, 0.3, 1), beta: draw(16, 0.2), w: draw(n) };
    const fused = await valueAndGrads(layerNormalization, data, shape);
    const plain = await valueAndGrads(expanded, data, shape);
    for (const k of ['y', 'dx', 'dgamma', 'dbeta']) {
      const scale = Math.max(...Array.from(plain[k], Math.abs));
      expect(maxAbsDiff(fused[k], plain[k]) / scale, k).toBeLessThan(2e-5);
    }
  });

  it('names the problem: a scale of the wrong width, or float64 operands', () => {
    const g = new Graph();
    const x = g.input('x', 'float32', ['batch', 8]);
    expect(() => layerNormalization(x, g.input('g', 'float32', [4]), g.input('b', 'float32', [8]), 1e-5)).toThrow(/scale \[4\] and bias \[8\] must be \[8\]/);
    const x64 = g.input('x64', 'float64', [2, 8]);
    expect(() => layerNormalization(x64, g.input('g64', 'float64', [8]), g.input('b64', 'float64', [8]), 1e-5)).toThrow(ShapeError);
  });
});
