import { describe, expect, it } from 'vitest';
import { fakeRun, withReference } from '../protocol/summary-fixtures.js';
import { summarize, type SummaryRun } from '../protocol/summary.js';
import { referenceWarnings, seedTable, summaryTable } from './format.js';
import { summaryJson } from './json.js';
import { buildReportInput } from './report-input.js';

const WARNING = 'the strong model is weaker than a bag of n-grams: PGR here measures little';
const runs = (reference?: number[]) => [0, 1, 2].map((seed) => {
  const r = fakeRun('vanilla', seed, [0.7, 0.9, 0.75]);
  return reference ? withReference(r, reference[seed]) : r;
});
const summary = (rs: SummaryRun[]) => summarize(rs, { samples: 100 })[0];
const header = (table: string) => table.split('\n')[0].split(/\s{2,}/);

describe('the n-gram reference in the CLI table', () => {
  it('shows a reference column beside the ceiling, and no warning when the ceiling beats it', () => {
    const g = summary(runs([0.8, 0.82, 0.81]));
    const t = summaryTable([g]);
    const cols = header(t);
    expect(cols.indexOf('n-gram ref acc')).toBe(cols.indexOf('ceiling acc') + 1);
    expect(t.split('\n')[2]).toContain('0.810');
    expect(t).not.toContain(WARNING);
    expect(header(seedTable(g))).toContain('n-gram ref acc');
    expect(seedTable(g)).toContain('0.820');
  });

  it('says plainly when the ceiling does not beat the reference', () => {
    const g = summary(runs([0.95, 0.96, 0.97]));
    const t = summaryTable([g]);
    expect(t).toContain(`toy, xs -> s: ${WARNING} (ceiling`);
    expect(t).toContain('vs n-gram reference 0.960 on test');
    expect(referenceWarnings([g])).toHaveLength(1);
    // Every method on the pair shares its ceiling and reference: said once.
    expect(referenceWarnings([g, { ...g, method: 'logconf' }])).toHaveLength(1);
  });

  it('warns about ood_test too when only there the ceiling falls below the reference', () => {
    const withOod = runs().map((r) => {
      const m = r.metrics as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
      const ood = { ...r, metrics: { ...m, ood_test: m.test, labels: { ...m.labels, ood_test: m.labels.test } }, predictions: [...r.predictions!, ...r.predictions!.map((p) => ({ ...p, split: 'ood_test' }))] };
      return withReference(ood, 0.5, 0.99);
    });
    const [w] = referenceWarnings([summary(withOod)]);
    expect(w).toContain(WARNING);
    expect(w).toContain('on ood_test');
    expect(w).not.toContain('on test');
  });

  it('has neither column nor warning when the runs scored no reference (feature data)', () => {
    const g = summary(runs());
    expect(summaryTable([g])).not.toContain('n-gram');
    expect(seedTable(g)).not.toContain('n-gram');
  });
});

describe('the n-gram reference in --json', () => {
  it('gives reference_acc and whether the ceiling beats it, null without a reference', () => {
    const below = summaryJson(summary(runs([0.95, 0.96, 0.97])));
    expect(below.reference_acc).toBeCloseTo(0.96, 12);
    expect(below.ceiling_beats_reference).toBe(false);
    expect(below.seeds.map((s) => s.reference_acc)).toEqual([0.95, 0.96, 0.97]);
    expect(summaryJson(summary(runs([0.8, 0.8, 0.8]))).ceiling_beats_reference).toBe(true);
    const none = summaryJson(summary(runs()));
    expect([none.reference_acc, none.ceiling_beats_reference]).toEqual([null, null]);
  });
});

describe('the n-gram reference in the report input', () => {
  it('passes the reference accuracy to the row and the warning to the notes', () => {
    const input = buildReportInput([summary(runs([0.95, 0.96, 0.97]))], { codeVersions: [], samples: 100 });
    expect(input.rows[0].referenceAcc).toBeCloseTo(0.96, 12);
    expect(input.notes!.some((n) => n.includes(WARNING))).toBe(true);
    const plain = buildReportInput([summary(runs())], { codeVersions: [], samples: 100 });
    expect(plain.rows[0].referenceAcc).toBeUndefined();
    expect(plain.notes!.some((n) => n.includes('n-grams'))).toBe(false);
  });
});
