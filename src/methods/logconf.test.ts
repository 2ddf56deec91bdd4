import { describe, expect, it } from 'vitest';
import { argmaxHardening, balancedBinaryHardening, logconf, logconfTarget, logconfWeight } from './logconf.js';
import { accuracyOf, evalGraph, fakeContext, RecordingFactory, syntheticPools } from './testing.js';
import { resolveParams } from './registry.js';
import { vanilla } from './vanilla.js';

describe('logconfWeight', () => {
  it('ramps linearly from 0 to alpha over the warm-up, then stays at alpha', () => {
    const T = 1000;
    expect(logconfWeight(0, T, 0.75, 0.2)).toBe(0);
    expect(logconfWeight(100, T, 0.75, 0.2)).toBeCloseTo(0.375, 12);
    expect(logconfWeight(150, T, 0.75, 0.2)).toBeCloseTo(0.5625, 12);
    expect(logconfWeight(200, T, 0.75, 0.2)).toBeCloseTo(0.75, 12);
    expect(logconfWeight(700, T, 0.75, 0.2)).toBe(0.75);
    expect(logconfWeight(999, T, 0.75, 0.2)).toBe(0.75);
  });
  it('has no jump: consecutive steps differ by at most alpha / warm-up steps (the original code jumped from alpha·warmup to alpha)', () => {
    const T = 500;
    const alpha = 0.5;
    const warm = 0.1;
    let prev = logconfWeight(0, T, alpha, warm);
    for (let s = 1; s < T; s++) {
      const w = logconfWeight(s, T, alpha, warm);
      expect(w).toBeGreaterThanOrEqual(prev);
      expect(w - prev).toBeLessThanOrEqual(alpha / (warm * T) + 1e-12);
      prev = w;
    }
    // Just before the warm-up ends the weight is nearly alpha, not alpha·warmup.
    expect(logconfWeight(49, T, alpha, warm)).toBeCloseTo(0.49, 12);
  });
  it('is alpha throughout with no warm-up', () => {
    expect(logconfWeight(0, 10, 0.75, 0)).toBe(0.75);
  });
  it('defaults to the paper’s α = 0.5 (OpenAI’s aux_coef) with a 20% linear warm-up', () => {
    expect(resolveParams(logconf)).toEqual({ alpha: 0.5, warmup: 0.2, balanced: true });
  });
});

describe('logconf hardening (in the graph)', () => {
  const p = Float32Array.from([0.1, 0.9, 0.8, 0.2, 0.4, 0.6, 0.6, 0.4, 0.45, 0.55]); // p1 = .9 .2 .6 .4 .55
  const run = (weak1: number[]) =>
    evalGraph(
      { p: { data: p, dims: [5, 2] }, w: { data: Float32Array.from(weak1.flatMap((v) => [1 - v, v])), dims: [5, 2] } },
      ({ p, w }) => ({ h: balancedBinaryHardening(p, w) }),
    );
  it('binary: labels class 1 the round(Σ weak p1) examples with the highest p1, whatever the 0.5 cut says', async () => {
    // Σ weak p1 = 2.2 → the two highest p1 (.9, .6) are class 1; .55 is class 0 despite p1 > .5.
    const { h } = await run([0.2, 0.6, 0.4, 0.5, 0.5]);
    expect(Array.from(h)).toEqual([0, 1, 1, 0, 0, 1, 1, 0, 1, 0]);
    // Σ = 3.6 → four examples are class 1, including p1 = .4 (< .5).
    const { h: h4 } = await run([0.9, 0.9, 0.6, 0.6, 0.6]);
    expect(Array.from(h4)).toEqual([0, 1, 1, 0, 0, 1, 0, 1, 0, 1]);
    // Σ = 0.3 → none.
    const { h: h0 } = await run([0.1, 0.1, 0.1, 0, 0]);
    expect(Array.from(h0)).toEqual([1, 0, 1, 0, 1, 0, 1, 0, 1, 0]);
  });
  it('multi-class: one-hot of the argmax', async () => {
    const q = Float32Array.from([0.2, 0.5, 0.3, 0.7, 0.2, 0.1, 0.1, 0.1, 0.8]);
    const { h } = await evalGraph({ q: { data: q, dims: [3, 3] } }, ({ q }) => ({ h: argmaxHardening(q) }));
    expect(Array.from(h)).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 1]);
  });
  it('target = (1 - c)·weak + c·hardened prediction', async () => {
    const logits = Float32Array.from([0, 2, 1, 0]); // predictions: class 1, class 0
    const weak = Float32Array.from([0.7, 0.3, 0.4, 0.6]);
    const { t } = await evalGraph(
      { z: { data: logits, dims: [2, 2] }, w: { data: weak, dims: [2, 2] }, c: { data: Float32Array.of(0.25), dims: [] } },
      ({ z, w, c }) => ({ t: logconfTarget(z, w, c, 2, false) }),
    );
    const expected = [0.75 * 0.7, 0.75 * 0.3 + 0.25, 0.75 * 0.4 + 0.25, 0.75 * 0.6];
    Array.from(t).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
  });
});

describe('logconf method', () => {
  it('trains on the weak labels with c fed per step on the schedule', async () => {
    const pools = syntheticPools({ n: 40, nVal: 10 });
    const student = new RecordingFactory(pools, 2);
    const { ctx } = fakeContext({ pools, student });
    await logconf.run(ctx, { alpha: 0.5, warmup: 0.1, balanced: true });
    const call = student.calls[0];
    expect(call.targets).toBe(ctx.transfer.weakProbs);
    expect(call.loss).toBeTypeOf('function');
    expect(call.scalars!.names).toEqual(['c']);
    expect(call.scalars!.at(5, 100).c).toBeCloseTo(0.25, 12);
    expect(call.scalars!.at(50, 100).c).toBe(0.5);
  });
  it('trains a real student through the custom loss and the student beats its 70%-right teacher', async () => {
    const { ctx, pools } = fakeContext({ pools: syntheticPools({ n: 400, k: 2, seed: 1 }) });
    const { student, notes } = await logconf.run(ctx, { alpha: 0.75, warmup: 0.2, balanced: true });
    expect(notes!.hardening).toBe('balanced-threshold');
    const acc = accuracyOf(await student.predict('val'), pools.val.labels, 2);
    expect(acc).toBeGreaterThan(0.85);
  });
  it('with alpha 0 is exactly vanilla soft cross-entropy (same seed, same predictions)', async () => {
    const pools = syntheticPools({ n: 120, nVal: 40, seed: 2 });
    const a = fakeContext({ pools });
    const b = fakeContext({ pools });
    const pa = await (await logconf.run(a.ctx, { alpha: 0, warmup: 0.2, balanced: true })).student.predict('val');
    const pb = await (await vanilla.run(b.ctx, { hard: false, smoothing: 0, earlyStop: false })).student.predict('val');
    pa.forEach((v, i) => expect(v).toBeCloseTo(pb[i], 5));
  });
});
