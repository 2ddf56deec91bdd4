import { describe, expect, it } from 'vitest';
import { Rng } from '../util/rng.js';
import { knnIndices, knnLabels, unitRows } from './knn.js';

describe('kNN (leave-one-out)', () => {
  it('never counts a point as its own neighbour, even with exact duplicates', () => {
    // Four distinct points, each present twice (rows i and i + 4), duplicates labelled differently.
    const base = [
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [1, 1, 1],
    ];
    const x = Float32Array.from([...base, ...base].flat());
    const labels = Float32Array.from([0, 0, 0, 0, 1, 1, 1, 1].flatMap((c) => (c === 0 ? [1, 0] : [0, 1])));
    const { indices, kk } = knnIndices(unitRows(x, 3), 3, 1);
    expect(kk).toBe(1);
    // Each row's single nearest neighbour is its duplicate, never itself.
    expect(Array.from(indices)).toEqual([4, 5, 6, 7, 0, 1, 2, 3]);
    // So with k = 1 every row takes its duplicate's (opposite) label; counting itself would give its own.
    const out = knnLabels(x, 3, labels, 2, 1);
    expect(Array.from(out)).toEqual(Array.from(labels).map((v) => 1 - v));
  });
  it('no row appears in its own list, for any k', () => {
    const rng = new Rng(1);
    const n = 40;
    const x = Float32Array.from({ length: n * 5 }, () => Math.round(rng.normal())); // many duplicates
    for (const k of [1, 5, 39, 100]) {
      const { indices, kk } = knnIndices(unitRows(x, 5), 5, k);
      expect(kk).toBe(Math.min(k, n - 1));
      for (let i = 0; i < n; i++) {
        const row = Array.from(indices.subarray(i * kk, (i + 1) * kk));
        expect(row).not.toContain(i);
        expect(new Set(row).size).toBe(kk);
      }
    }
  });
  it('matches a brute-force cosine ranking on standardised features', () => {
    const rng = new Rng(2);
    const n = 30;
    const dim = 4;
    // Columns on very different scales: standardisation must make them count equally.
    const x = Float32Array.from({ length: n * dim }, (_, i) => rng.normal() * 10 ** (i % dim));
    const u = unitRows(x, dim);
    const { indices, kk } = knnIndices(u, dim, 5);
    for (let i = 0; i < n; i++) {
      const sims = Array.from({ length: n }, (_, j) => ({ j, s: j === i ? -Infinity : Array.from({ length: dim }, (_, d) => u[i * dim + d] * u[j * dim + d]).reduce((a, b) => a + b, 0) }));
      sims.sort((a, b) => b.s - a.s || a.j - b.j);
      expect(Array.from(indices.subarray(i * kk, (i + 1) * kk))).toEqual(sims.slice(0, 5).map((e) => e.j));
    }
    // Every standardised row has unit length.
    for (let i = 0; i < n; i++) expect(Math.hypot(...u.subarray(i * dim, (i + 1) * dim))).toBeCloseTo(1, 5);
  });
  it("averages the neighbours' soft labels", () => {
    const x = Float32Array.from([1, 0, 0.9, 0.1, 0.8, 0.2, 0, 1]);
    const labels = Float32Array.from([1, 0, 0.5, 0.5, 0, 1, 0.2, 0.8]);
    const out = knnLabels(x, 2, labels, 2, 2);
    // Cosine on standardised columns: row 0's two nearest are rows 1 and 2.
    expect(out[0]).toBeCloseTo(0.25, 6);
    expect(out[1]).toBeCloseTo(0.75, 6);
  });
});
