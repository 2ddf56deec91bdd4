import { describe, expect, it } from 'vitest';
import { listMethods, resolveParams } from './index.js';

const EXPECTED = [
  'vanilla', 'logconf', 'product', 'filter_confidence', 'filter_quantile', 'filter_disagreement', 'bootstrap',
  'probe_relabel', 'probe_filter', 'ensemble_vote', 'ensemble_weighted', 'ensemble_labelmodel', 'refine', 'aux_tasks', 'consistency',
];

describe('method registry', () => {
  it('holds every method of the field', () => {
    expect(listMethods().map((m) => m.name)).toEqual(EXPECTED);
  });
  it('every method has a one-line description and defaults of the declared types', () => {
    for (const m of listMethods()) {
      expect(m.description.length).toBeGreaterThan(10);
      expect(m.description).not.toMatch(/\n/);
      const p = resolveParams(m);
      for (const q of m.params) expect(typeof p[q.name]).toBe(q.type);
      expect(new Set(m.params.map((q) => q.name)).size).toBe(m.params.length);
    }
  });
  it('only refine asks the oracle for ground truth', () => {
    const asking = listMethods().filter((m) => (m.oracleBudget?.(resolveParams(m), 1000) ?? 0) > 0).map((m) => m.name);
    expect(asking).toEqual(['refine']);
  });
});
