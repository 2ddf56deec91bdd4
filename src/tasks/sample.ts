import type { Rng } from '../util/rng.js';

/**
 * A seeded subset of `limit` items, stratified by `keyOf`, returned in the items' original
 * order. 'proportional' keeps each stratum's share; 'balanced' gives strata equal quotas,
 * handing the unused quota of small strata to the others.
 */
export function sampleStratified<T>(
  items: readonly T[],
  keyOf: (t: T) => string,
  limit: number,
  rng: Rng,
  mode: 'proportional' | 'balanced',
): T[] {
  if (!(Number.isInteger(limit) && limit > 0)) throw new Error(`limit must be a positive integer, got ${limit}`);
  if (limit >= items.length) return items.slice();
  const strata = new Map<string, number[]>();
  items.forEach((t, i) => {
    const k = keyOf(t);
    const list = strata.get(k);
    if (list) list.push(i);
    else strata.set(k, [i]);
  });
  const keys = [...strata.keys()].sort();
  const sizes = keys.map((k) => strata.get(k)!.length);
  const quotas = mode === 'proportional' ? proportionalQuotas(sizes, limit) : balancedQuotas(sizes, limit);
  const chosen: number[] = [];
  keys.forEach((k, j) => chosen.push(...takeRandom(strata.get(k)!, quotas[j], rng)));
  return chosen.sort((a, b) => a - b).map((i) => items[i]);
}

/** `k` distinct elements chosen uniformly (partial Fisher–Yates on a copy). */
export function takeRandom<T>(items: readonly T[], k: number, rng: Rng): T[] {
  const a = items.slice();
  const n = Math.min(k, a.length);
  for (let i = 0; i < n; i++) {
    const j = i + rng.int(a.length - i);
    const tmp = a[i];
    a[i] = a[j];
    a[j] = tmp;
  }
  return a.slice(0, n);
}

function proportionalQuotas(sizes: number[], limit: number): number[] {
  const total = sizes.reduce((a, b) => a + b, 0);
  const exact = sizes.map((s) => (s * limit) / total);
  const q = exact.map(Math.floor);
  let left = limit - q.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k++) {
    const i = order[k % order.length].i;
    if (q[i] < sizes[i]) {
      q[i]++;
      left--;
    }
  }
  return q;
}

function balancedQuotas(sizes: number[], limit: number): number[] {
  const q = sizes.map(() => 0);
  let left = limit;
  let open = sizes.map((_, i) => i);
  while (left > 0 && open.length > 0) {
    const share = Math.max(1, Math.floor(left / open.length));
    for (const i of open) {
      const add = Math.min(share, sizes[i] - q[i], left);
      q[i] += add;
      left -= add;
    }
    open = open.filter((i) => q[i] < sizes[i]);
  }
  return q;
}

/** An index drawn with probability proportional to its weight. */
export function drawWeighted(weights: readonly number[], rng: Rng): number {
  const total = weights.reduce((a, b) => a + b, 0);
  let r = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    r -= weights[i];
    if (r < 0) return i;
  }
  return weights.length - 1;
}
