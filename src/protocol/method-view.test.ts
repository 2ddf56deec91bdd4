import { describe, expect, it } from 'vitest';
import { DEFAULT_PROBE } from '../models/probe.js';
import { deriveRng } from '../util/rng.js';
import { buildMethodView } from './method-view.js';
import type { PoolData } from './pool.js';

const k = 2;
/** A pool whose row r has feature r and a weak label that names r (its probability of class 1 is r / n). */
function pool(name: 'transfer' | 'val', n: number): PoolData {
  const weakProbs = new Float32Array(n * k);
  for (let r = 0; r < n; r++) weakProbs.set([1 - r / n, r / n], r * k);
  return { name, ids: Array.from({ length: n }, (_, r) => `${name}-${r}`), features: Float32Array.from({ length: n }, (_, r) => r), dim: 1, weakProbs, labels: new Int32Array(n) };
}

function view(secret: string, permuteTeacher: boolean) {
  const transfer = pool('transfer', 40);
  const val = pool('val', 12);
  const extra = [{ name: 'rules', transfer: transfer.weakProbs.slice(), val: val.weakProbs.slice() }];
  return buildMethodView({
    method: { kind: 'builtin', name: 'vanilla' }, params: {}, classes: ['a', 'b'], seed: 3, transfer, val, supervisor: 'xs', extra,
    student: { kind: 'probe', probe: DEFAULT_PROBE }, secret: Buffer.from(secret), runKey: 'run', permuteTeacher,
  }).view;
}

/** For each host row (read back from its feature), the host row whose weak label it was given. */
function pairing(v: ReturnType<typeof view>, pool: 'transfer' | 'val', probs: (v: ReturnType<typeof view>) => Float32Array): Map<number, number> {
  const p = v[pool];
  const n = p.features.length;
  return new Map(Array.from({ length: n }, (_, i) => [p.features[i], Math.round(probs(v)[i * k + 1] * n)]));
}

describe('the method view', () => {
  it('orders the pools by the server secret, keeping every row with its own weak label', () => {
    const a = view('secret-a', false);
    const b = view('secret-b', false);
    expect([...a.transfer.features]).not.toEqual([...b.transfer.features]);
    for (const v of [a, b]) for (const [row, from] of pairing(v, 'transfer', (x) => x.transfer.weakProbs)) expect(from).toBe(row);
  });

  it("the teacher-bypass audit pairs rows with other rows' labels by the seed alone: the same pairing under any secret, the same for every supervisor", () => {
    const a = view('secret-a', true);
    const b = view('secret-b', true);
    for (const pool of ['transfer', 'val'] as const) {
      const weak = pairing(a, pool, (x) => x[pool].weakProbs);
      expect(pairing(b, pool, (x) => x[pool].weakProbs)).toEqual(weak);
      expect(pairing(a, pool, (x) => x.supervisor.extra[0][pool])).toEqual(weak);
      const n = weak.size;
      expect([...weak.values()].sort((x, y) => x - y)).toEqual(Array.from({ length: n }, (_, r) => r)); // a permutation: every label used once
      expect([...weak].filter(([row, from]) => row === from).length).toBeLessThan(n / 4); // most rows get another row's label
    }
  });

  it('a method that knows the seed and the code cannot undo the permutation: it would need the secret view order', () => {
    const honest = view('secret-a', false);
    const permuted = view('secret-a', true);
    const n = permuted.transfer.features.length;
    // The attack: draw the audit's permutation as the host does and invert it on the rows it sees.
    const perm = deriveRng(3, 'teacher-permutation', 'transfer').permutation(n);
    const undone = new Float32Array(n * k);
    perm.forEach((from, i) => undone.set(permuted.transfer.weakProbs.subarray(i * k, i * k + k), from * k));
    let same = 0;
    for (let i = 0; i < n; i++) if (undone[i * k + 1] === honest.transfer.weakProbs[i * k + 1]) same++;
    expect(same).toBeLessThan(n / 4);
  });
});
