/** k-means clustering and cluster-to-class assignment, pure functions with explicit randomness. */
import type { Rng } from '../util/rng.js';

export interface KMeansOptions {
  maxIter?: number;
  /** Independent k-means++ starts; the lowest inertia wins. */
  restarts?: number;
  /**
   * Optional group index per row (−1 = none): rows of one group are always
   * assigned to the same cluster (the one nearest to them in total).
   */
  groups?: Int32Array;
}

export interface KMeansResult {
  assign: Int32Array;
  centroids: Float32Array;
  /** Sum of squared distances of rows to their centroids. */
  inertia: number;
}

function dist2(x: Float32Array, i: number, c: Float32Array, j: number, dim: number): number {
  let s = 0;
  for (let d = 0; d < dim; d++) {
    const v = x[i * dim + d] - c[j * dim + d];
    s += v * v;
  }
  return s;
}

function seedCentroids(x: Float32Array, n: number, dim: number, k: number, rng: Rng): Float32Array {
  const c = new Float32Array(k * dim);
  const first = rng.int(n);
  c.set(x.subarray(first * dim, first * dim + dim), 0);
  const best = new Float64Array(n).fill(Infinity);
  for (let j = 1; j < k; j++) {
    let total = 0;
    for (let i = 0; i < n; i++) {
      best[i] = Math.min(best[i], dist2(x, i, c, j - 1, dim));
      total += best[i];
    }
    let r = rng.next() * total;
    let pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= best[i];
      if (r < 0) {
        pick = i;
        break;
      }
    }
    c.set(x.subarray(pick * dim, pick * dim + dim), j * dim);
  }
  return c;
}

function runOnce(x: Float32Array, n: number, dim: number, k: number, rng: Rng, maxIter: number, groups?: Int32Array): KMeansResult {
  const centroids = seedCentroids(x, n, dim, k, rng);
  const assign = new Int32Array(n).fill(-1);
  const members = new Map<number, number[]>();
  groups?.forEach((g, i) => {
    if (g < 0) return;
    const rows = members.get(g);
    if (rows) rows.push(i);
    else members.set(g, [i]);
  });
  const d = new Float64Array(k);
  for (let it = 0; it < maxIter; it++) {
    let changed = false;
    const put = (i: number, c: number) => {
      if (assign[i] !== c) changed = true;
      assign[i] = c;
    };
    for (let i = 0; i < n; i++) {
      if (groups && groups[i] >= 0) continue;
      let b = 0;
      let bd = Infinity;
      for (let j = 0; j < k; j++) {
        const v = dist2(x, i, centroids, j, dim);
        if (v < bd) [b, bd] = [j, v];
      }
      put(i, b);
    }
    for (const rows of members.values()) {
      d.fill(0);
      for (const i of rows) for (let j = 0; j < k; j++) d[j] += dist2(x, i, centroids, j, dim);
      let b = 0;
      for (let j = 1; j < k; j++) if (d[j] < d[b]) b = j;
      for (const i of rows) put(i, b);
    }
    if (!changed && it > 0) break;
    const count = new Int32Array(k);
    const sum = new Float64Array(k * dim);
    for (let i = 0; i < n; i++) {
      count[assign[i]]++;
      for (let q = 0; q < dim; q++) sum[assign[i] * dim + q] += x[i * dim + q];
    }
    for (let j = 0; j < k; j++) {
      // An emptied cluster keeps its centroid.
      if (count[j] > 0) for (let q = 0; q < dim; q++) centroids[j * dim + q] = sum[j * dim + q] / count[j];
    }
  }
  let inertia = 0;
  for (let i = 0; i < n; i++) inertia += dist2(x, i, centroids, assign[i], dim);
  return { assign, centroids, inertia };
}

/** Lloyd's k-means from k-means++ starts. */
export function kmeans(x: Float32Array, dim: number, k: number, rng: Rng, opts: KMeansOptions = {}): KMeansResult {
  const n = x.length / dim;
  if (!(Number.isInteger(k) && k >= 1 && k <= n)) throw new Error(`kmeans: k must be an integer in [1, ${n}], got ${k}`);
  let best: KMeansResult | null = null;
  for (let r = 0; r < (opts.restarts ?? 4); r++) {
    const res = runOnce(x, n, dim, k, rng, opts.maxIter ?? 100, opts.groups);
    if (!best || res.inertia < best.inertia) best = res;
  }
  return best!;
}

/**
 * The assignment of rows to columns of a square cost matrix with the least
 * total cost (Hungarian algorithm, O(k³)): result[row] = column.
 */
export function minCostAssignment(cost: ArrayLike<number>, k: number): Int32Array {
  if (cost.length !== k * k) throw new Error(`minCostAssignment: ${cost.length} costs do not form a ${k}×${k} matrix`);
  const INF = Number.POSITIVE_INFINITY;
  const u = new Float64Array(k + 1);
  const v = new Float64Array(k + 1);
  const p = new Int32Array(k + 1); // p[col] = row matched to col (1-based), 0 = none
  const way = new Int32Array(k + 1);
  for (let i = 1; i <= k; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Float64Array(k + 1).fill(INF);
    const used = new Uint8Array(k + 1);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = INF;
      let j1 = 0;
      for (let j = 1; j <= k; j++) {
        if (used[j]) continue;
        const cur = cost[(i0 - 1) * k + (j - 1)] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      for (let j = 0; j <= k; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0);
  }
  const out = new Int32Array(k);
  for (let j = 1; j <= k; j++) out[p[j] - 1] = j - 1;
  return out;
}

export type Naming = 'agreement' | 'prior';

/**
 * Names k clusters with the k classes (result[cluster] = class).
 * `agreement`: maximise the weak labels' probability mass that falls on the
 * named class; `prior`: match each cluster's share of rows to a class's share
 * of the weak labels' mass (the teacher's class prior only).
 */
export function nameClusters(assign: Int32Array, weak: Float32Array, k: number, naming: Naming): Int32Array {
  const n = assign.length;
  const mass = new Float64Array(k * k); // [cluster, class]
  const size = new Float64Array(k);
  const prior = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    size[assign[i]] += 1 / n;
    for (let c = 0; c < k; c++) {
      mass[assign[i] * k + c] += weak[i * k + c];
      prior[c] += weak[i * k + c] / n;
    }
  }
  const cost = new Float64Array(k * k);
  for (let cl = 0; cl < k; cl++) {
    for (let c = 0; c < k; c++) cost[cl * k + c] = naming === 'agreement' ? -mass[cl * k + c] : Math.abs(size[cl] - prior[c]);
  }
  return minCostAssignment(cost, k);
}
