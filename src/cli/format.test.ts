import { describe, expect, it } from 'vitest';
import type { GroupSummary, Interval, SplitSummary } from '../protocol/summary.js';
import { toMethodSummary } from './report-input.js';
import { seedTable, summaryTable } from './format.js';

const iv = (estimate: number, low: number, high: number): Interval => ({ estimate, low, high });
const split = (weak: number, ceiling: Interval, pgr: number): SplitSummary => ({
  weak_acc: iv(weak, weak - 0.01, weak + 0.01), ceiling_acc: ceiling, transfer_acc: iv(0.9, 0.89, 0.91), pgr: iv(pgr, pgr - 0.1, pgr + 0.1), pgr_fixed: iv(pgr, pgr - 0.1, pgr + 0.1),
});

/** A group whose test split has a gap (ceiling 0.95 over weak 0.86) and whose ood_test does not (ceiling 0.80 [0.76, 0.84] under weak 0.82). */
function group(): GroupSummary {
  const seedRow = (seed: number, oodGap: boolean) => ({ seed, weak_acc: 0.86, ceiling_acc: 0.95, transfer_acc: 0.9, pgr: 0.44, pgr_fixed: 0.44, ood_pgr: -1.37, ood_has_gap: oodGap, method_seconds: 1, wall_seconds: 2 });
  return {
    task: 'spam', weak: 'xs', strong: 'l', method: 'vanilla', method_name: 'vanilla', method_params: {}, setting: '', student: 'probe', n_seeds: 2,
    seeds: [seedRow(0, false), seedRow(1, true)],
    ...split(0.86, iv(0.95, 0.94, 0.96), 0.44),
    ood: split(0.82, iv(0.8, 0.76, 0.84), -1.37),
    auroc: { weak: NaN, ceiling: NaN, transfer: NaN }, ece: { weak: NaN, ceiling: NaN, transfer: NaN }, transfer_weak_agreement: NaN,
    diagnostics: {
      imitation: { teacher_wrong: 0, copied: 0, corrected: 0, teacher_right: 0, broken: 0, copy_rate: NaN, correct_rate: NaN, break_rate: NaN },
      buckets: [], groups: [], calibration: { weak: [], ceiling: [], transfer: [] },
    },
    method_seconds: 1, wall_seconds: 2, estimated_flops: 1, weak_params: 1, strong_params: 2, oracle_queries: 0, approximate: false,
  };
}

describe('OOD PGR without a gap', () => {
  it('the summary table prints n/a for it and the in-distribution PGR as usual', () => {
    const out = summaryTable([group()]);
    const row = out.split('\n')[2];
    expect(row).toContain('0.44 [0.34, 0.54]');
    expect(row).not.toContain('-1.37');
    expect(row.trim().split(/\s+/).slice(-2)).toEqual(['n/a', '1.0']);
  });
  it('the seed table prints n/a on a seed whose ood_test has no gap, and the figure on one that has', () => {
    const [, , s0, s1] = seedTable(group()).split('\n');
    expect(s0).toContain('n/a');
    expect(s0).not.toContain('-1.37');
    expect(s1).toContain('-1.37');
  });
  it('the report leaves it out of the shift diagnostic', () => {
    const m = toMethodSummary(group(), [group()]);
    expect(m.diagnostics!.shift!.ood).toBeUndefined();
    expect(m.diagnostics!.shift!.inDist.estimate).toBe(0.44);
  });
});
