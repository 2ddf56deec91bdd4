import { describe, expect, it } from 'vitest';
import { product, productTarget } from './product.js';
import { evalGraph, fakeContext, RecordingFactory, syntheticPools } from './testing.js';

function expected(logits: number[], weak: number[], alpha: number, beta: number, k: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < logits.length / k; i++) {
    const z = logits.slice(i * k, i * k + k);
    const m = Math.max(...z);
    const e = z.map((v) => Math.exp(v - m));
    const s = e.reduce((a, b) => a + b, 0);
    const q = e.map((v, c) => (v / s) ** beta * (weak[i * k + c] + 1e-8) ** alpha);
    const t = q.reduce((a, b) => a + b, 0);
    out.push(...q.map((v) => v / t));
  }
  return out;
}

describe('product target', () => {
  const logits = [0.5, -1, 2, 1, 1, 1];
  const weak = [0.2, 0.3, 0.5, 0, 0.5, 0.5];
  const run = (alpha: number, beta: number) =>
    evalGraph(
      { z: { data: Float32Array.from(logits), dims: [2, 3] }, w: { data: Float32Array.from(weak), dims: [2, 3] }, b: { data: Float32Array.of(beta), dims: [] } },
      ({ z, w, b }) => ({ t: productTarget(z, w, alpha, b) }),
    );
  it('is p^beta ⊙ weak^alpha renormalised per row', async () => {
    for (const [a, b] of [[1, 1], [2, 0.5], [0.5, 3]]) {
      const { t } = await run(a, b);
      expected(logits, weak, a, b, 3).forEach((v, i) => expect(t[i]).toBeCloseTo(v, 5));
    }
  });
  it('is the weak labels when beta = 0 and alpha = 1, and keeps a zero weak probability at zero', async () => {
    const { t } = await run(1, 0);
    weak.forEach((v, i) => expect(t[i]).toBeCloseTo(v, 5));
    expect(t[3]).toBeLessThan(1e-6);
  });
});

describe('product method', () => {
  it('feeds beta through the warm-up ramp', async () => {
    const pools = syntheticPools({ n: 30, nVal: 10 });
    const student = new RecordingFactory(pools, 2);
    const { ctx } = fakeContext({ pools, student });
    await product.run(ctx, { alpha: 1, beta: 2, warmup: 0.5 });
    const at = student.calls[0].scalars!.at;
    expect(at(0, 100).beta).toBe(0);
    expect(at(25, 100).beta).toBeCloseTo(1, 12);
    expect(at(80, 100).beta).toBe(2);
  });
  it('trains a real student', async () => {
    const { ctx } = fakeContext({ pools: syntheticPools({ n: 200, nVal: 50 }) });
    const { student } = await product.run(ctx, { alpha: 1, beta: 1, warmup: 0.2 });
    const p = await student.predict('val');
    expect(p.length).toBe(100);
    expect(p.every(Number.isFinite)).toBe(true);
  });
});
