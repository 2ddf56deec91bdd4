import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.js';
import { consistency, consistencyLabels } from './consistency.js';
import { kmeans, minCostAssignment, nameClusters } from './kmeans.js';
import { argmaxRows } from './labels.js';
import { accuracyOf, fakeContext, RecordingFactory, syntheticPools } from './testing.js';

function permutations(k: number): number[][] {
  if (k === 1) return [[0]];
  return permutations(k - 1).flatMap((p) => Array.from({ length: k }, (_, i) => [...p.slice(0, i), k - 1, ...p.slice(i)]));
}

describe('minCostAssignment', () => {
  it('finds the cheapest one-to-one assignment (checked against brute force)', () => {
    const rng = new Rng(3);
    for (const k of [1, 2, 3, 5]) {
      for (let t = 0; t < 5; t++) {
        const cost = Float64Array.from({ length: k * k }, () => Math.round(rng.next() * 20));
        const got = minCostAssignment(cost, k);
        const total = (p: ArrayLike<number>) => Array.from(p).reduce((s, c, r) => s + cost[r * k + c], 0);
        const best = Math.min(...permutations(k).map(total));
        expect(total(got)).toBe(best);
        expect(new Set(got).size).toBe(k);
      }
    }
  });
});

describe('kmeans', () => {
  it('recovers well-separated clusters exactly', () => {
    const rng = new Rng(1);
    const centers = [[10, 0], [0, 10], [-10, -10]];
    const truth = Int32Array.from({ length: 90 }, (_, i) => i % 3);
    const x = Float32Array.from(Array.from(truth).flatMap((c) => centers[c].map((v) => v + rng.normal())));
    const { assign } = kmeans(x, 2, 3, new Rng(0));
    // Same partition up to naming.
    for (let i = 0; i < 90; i++) for (let j = 0; j < 90; j++) expect(assign[i] === assign[j]).toBe(truth[i] === truth[j]);
  });
  it('keeps the members of a group together', () => {
    const x = Float32Array.from([0, 0.1, 5, 5.1, 0.2, 10]);
    // Rows 0 and 5 are far apart but share a group.
    const groups = Int32Array.from([7, -1, -1, -1, -1, 7]);
    const { assign } = kmeans(x, 1, 2, new Rng(0), { groups });
    expect(assign[0]).toBe(assign[5]);
  });
});

describe('nameClusters', () => {
  const assign = Int32Array.from([0, 0, 0, 1, 1]);
  it("'agreement' names each cluster by the weak labels' mass in it", () => {
    const weak = Float32Array.from([0.2, 0.8, 0.4, 0.6, 0.3, 0.7, 0.9, 0.1, 0.6, 0.4]);
    expect(Array.from(nameClusters(assign, weak, 2, 'agreement'))).toEqual([1, 0]);
  });
  it("'prior' matches cluster sizes to the weak class prior", () => {
    // Weak prior 0.4 / 0.6; cluster 0 holds 60% of rows → class 1.
    const weak = Float32Array.from([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0, 1]);
    expect(Array.from(nameClusters(assign, weak, 2, 'prior'))).toEqual([1, 0]);
  });
});

describe('consistency method', () => {
  it('labels perfectly clustered strong features exactly, though the teacher is right on only 70%', async () => {
    const pools = syntheticPools({ n: 300, nVal: 60, k: 3, separation: 12, seed: 12 });
    const student = new RecordingFactory(pools, 3);
    const { ctx, logs } = fakeContext({ pools, student });
    const { labels } = consistencyLabels(ctx, { naming: 'agreement', restarts: 4, useGroups: false });
    expect(Array.from(labels)).toEqual(Array.from(pools.transfer.labels));
    await consistency.run(ctx, { naming: 'agreement', restarts: 4, useGroups: false, smoothing: 0.1 });
    expect(Array.from(argmaxRows(student.calls[0].targets, 3))).toEqual(Array.from(pools.transfer.labels));
    expect(logs.join()).toMatch(/agree with the weak labels/);
  });
  it('with real students reaches near-perfect val accuracy', async () => {
    const pools = syntheticPools({ n: 300, nVal: 60, k: 2, separation: 12, seed: 13 });
    const { ctx } = fakeContext({ pools });
    const { student } = await consistency.run(ctx, { naming: 'prior', restarts: 4, useGroups: false, smoothing: 0.1 });
    // Balanced classes: 'prior' naming cannot tell the clusters apart by size, so accept either naming.
    const acc = accuracyOf(await student.predict('val'), pools.val.labels, 2);
    expect(Math.max(acc, 1 - acc)).toBeGreaterThan(0.98);
  });
  it('useGroups needs group ids', async () => {
    const { ctx } = fakeContext({ pools: syntheticPools({ n: 20, nVal: 4 }), student: 'recording' });
    await expect(consistency.run(ctx, { naming: 'agreement', restarts: 1, useGroups: true, smoothing: 0 })).rejects.toThrow(/no group ids/);
  });
});
