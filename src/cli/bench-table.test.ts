import { describe, expect, it } from 'vitest';
import type { GroupSummary } from '../protocol/summary.js';
import { benchMarkdown, verdict } from './bench-table.js';

const iv = (estimate: number, low: number, high: number) => ({ estimate, low, high });
function group(method: string, pgr: number, diff?: [number, number, number]): GroupSummary {
  return {
    task: 'spam', weak: 'xs', strong: 'l', method, method_name: method, method_params: {}, setting: '', n_seeds: 5, seeds: [],
    weak_acc: iv(0.8, 0.79, 0.81), ceiling_acc: iv(0.9, 0.89, 0.91), transfer_acc: iv(0.8 + 0.1 * pgr, 0, 1),
    pgr: iv(pgr, pgr - 0.1, pgr + 0.1), pgr_fixed: iv(pgr, pgr - 0.1, pgr + 0.1),
    pgr_vs_vanilla: diff ? { ...iv(...diff), p_value: 0.01 } : undefined,
    method_seconds: 1.5,
  } as unknown as GroupSummary;
}

describe('methods benchmark table', () => {
  it('calls a method better or worse only when the paired interval excludes zero', () => {
    expect(verdict(group('vanilla', 0.3))).toBe('baseline');
    expect(verdict(group('logconf', 0.5, [0.2, 0.05, 0.35]))).toBe('better');
    expect(verdict(group('bootstrap', 0.1, [-0.2, -0.3, -0.1]))).toBe('worse');
    expect(verdict(group('product', 0.35, [0.05, -0.02, 0.12]))).toBe('no significant difference');
    expect(verdict(group('refine', 0.35))).toBe('n/a');
  });

  it('writes one row per method, sorted by PGR, and a plain summary per task', () => {
    const md = benchMarkdown([group('filter_quantile', 0, [-0.3, -0.35, -0.25]), group('vanilla', 0.3), group('logconf', 0.5, [0.2, 0.05, 0.35]), group('bootstrap', 0.1, [-0.2, -0.3, -0.1])], {
      command: 'w2s bench methods', seeds: 5, date: '2026-11-29', codeVersion: '0.1.0',
    });
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| method') && !l.startsWith('| ---'));
    expect(rows.map((r) => r.split('|')[1].trim())).toEqual(['logconf', 'vanilla', 'bootstrap', 'filter_quantile']);
    expect(rows[0]).toContain('0.50 [0.40, 0.60]');
    expect(rows[0]).toContain('0.20 [0.05, 0.35]');
    expect(md).toContain('significantly better than vanilla: logconf; significantly worse: filter_quantile, bootstrap');
    expect(rows[1]).toContain('| baseline |');
    expect(md.split('\n')[0]).toBe('# Methods benchmark');
  });

  it('names the student kind in the title when the command chose one', () => {
    const md = benchMarkdown([group('vanilla', 0.3)], { command: 'w2s bench methods --seeds 5 --student probe', seeds: 5, date: '2026-11-29', codeVersion: '0.1.0', student: 'probe' });
    expect(md.split('\n')[0]).toBe('# Methods benchmark with probes (`--student probe`)');
  });
});
