import { describe, expect, it } from 'vitest';
import { sampleReport } from '../fixtures.js';
import type { MethodSummary } from '../types.js';
import { budgetChart } from './budget.js';
import { bucketChart } from './buckets.js';
import { buildCharts } from '../charts.js';
import { calibrationChart } from './calibration.js';
import { computeChart } from './compute.js';
import { imitationChart } from './imitation.js';
import { pgrChart } from './pgr.js';
import { scalingChart } from './scaling.js';
import { shiftChart } from './shift.js';
import { checkXml, withClass, type XmlElement } from './wellformed.js';

function parse(svg: string): XmlElement[] {
  const r = checkXml(svg);
  expect(r.errors).toEqual([]);
  expect(r.elements[0].tag).toBe('svg');
  expect(svg).not.toMatch(/NaN|undefined|Infinity/);
  return r.elements;
}
const isEmpty = (els: XmlElement[]) => (els[0].attrs.class ?? '').includes('w2s-empty');
const rows = () => sampleReport().rows;
const diag = () => rows().find((r) => r.diagnostics)!.diagnostics!;
const nanIv = { estimate: NaN, low: NaN, high: NaN };

describe('pgrChart', () => {
  it('draws one bar and one error bar per run', () => {
    const els = parse(pgrChart(rows()));
    expect(withClass(els, 'rect', 'bar')).toHaveLength(12);
    expect(withClass(els, 'g', 'errorbar')).toHaveLength(12);
    expect(els.filter((e) => e.tag === 'text').map((e) => e.text)).toEqual(expect.arrayContaining(['vanilla', 'logconf', 'sciq', 'sentiment']));
  });
  it('bar heights are proportional to PGR and negative PGR hangs below zero', () => {
    const r = rows().slice(0, 3);
    r[0].pgr = { estimate: 0.2, low: 0.1, high: 0.3 };
    r[1].pgr = { estimate: 0.6, low: 0.5, high: 0.7 };
    r[2].pgr = { estimate: -0.2, low: -0.3, high: -0.1 };
    const bars = withClass(parse(pgrChart(r)), 'rect', 'bar').map((b) => ({ y: +b.attrs.y, h: +b.attrs.height }));
    expect(bars[1].h / bars[0].h).toBeCloseTo(3, 1);
    expect(bars[2].h).toBeCloseTo(bars[0].h, 1);
    expect(bars[2].y).toBeCloseTo(bars[0].y + bars[0].h, 1); // starts at the zero line, goes down
  });
  it('marks undefined PGR as n/a instead of drawing a bar', () => {
    const r = rows();
    r[0].pgr = nanIv;
    r[1].pgr = { estimate: 0.3, low: NaN, high: NaN };
    const els = parse(pgrChart(r));
    expect(withClass(els, 'rect', 'bar')).toHaveLength(11);
    expect(withClass(els, 'g', 'na')).toHaveLength(1);
    expect(withClass(els, 'g', 'errorbar')).toHaveLength(10);
  });
  it('empty input gives the empty state', () => {
    expect(isEmpty(parse(pgrChart([])))).toBe(true);
  });
});

describe('scalingChart', () => {
  it('one panel per task/method, a point per role and size, a band per series', () => {
    const els = parse(scalingChart(rows()));
    expect(withClass(els, 'g', 'panel')).toHaveLength(4);
    expect(withClass(els, 'circle', 'point')).toHaveLength(36);
    expect(withClass(els, 'circle', 'point-transfer')).toHaveLength(12);
    expect(withClass(els, 'polygon', 'band')).toHaveLength(12);
    expect(els.filter((e) => e.tag === 'text').map((e) => e.text)).toEqual(expect.arrayContaining(['500M', '1B', 'sciq · vanilla']));
  });
  it('x is log-scaled: equal ratios give equal distances', () => {
    const r = rows().filter((x) => x.task === 'sciq' && x.method === 'vanilla');
    r[0].strongParams = 1e8;
    r[1].strongParams = 1e9;
    r[2].strongParams = 1e10;
    const xs = withClass(parse(scalingChart(r)), 'circle', 'point-weak').map((c) => +c.attrs.cx);
    expect(xs[1] - xs[0]).toBeCloseTo(xs[2] - xs[1], 1);
  });
  it('skips NaN points and rows without sizes; empty when no sizes', () => {
    const r = rows();
    r[0].transferAcc = nanIv;
    delete r[1].strongParams;
    expect(withClass(parse(scalingChart(r)), 'circle', 'point')).toHaveLength(36 - 1 - 3);
    expect(isEmpty(parse(scalingChart(r.map((x) => ({ ...x, strongParams: undefined })))))).toBe(true);
  });
});

describe('calibrationChart', () => {
  it('a panel per calibrated run with a diagonal and a point per non-empty bin', () => {
    const els = parse(calibrationChart(rows()));
    expect(withClass(els, 'g', 'panel')).toHaveLength(2);
    expect(withClass(els, 'line', 'diagonal')).toHaveLength(2);
    expect(withClass(els, 'circle', 'point')).toHaveLength(30);
  });
  it('drops empty and NaN bins; empty state without bins', () => {
    const r = rows().filter((x) => x.calibration);
    r[0].calibration!.weak![0].count = 0;
    r[0].calibration!.ceiling![1].accuracy = NaN;
    expect(withClass(parse(calibrationChart(r)), 'circle', 'point')).toHaveLength(28);
    expect(isEmpty(parse(calibrationChart([{ ...r[0], calibration: { weak: [] } } as MethodSummary])))).toBe(true);
  });
});

describe('imitationChart', () => {
  it('stacks copied / corrected / other on teacher-wrong and kept / broken on teacher-right', () => {
    const els = parse(imitationChart({ teacherWrong: 300, copied: 180, corrected: 90, teacherRight: 700, broken: 70 }));
    const segs = withClass(els, 'rect', 'segment');
    expect(segs.map((s) => s.attrs.class.split(' ').at(-1))).toEqual([
      'segment-copied', 'segment-corrected', 'segment-other', 'segment-kept', 'segment-broken',
    ]);
    const w = segs.map((s) => +s.attrs.width);
    expect(w[0] / (w[0] + w[1] + w[2])).toBeCloseTo(0.6, 2);
    expect(w[4] / (w[3] + w[4])).toBeCloseTo(0.1, 2);
    expect(withClass(els, 'text', 'subtitle')[0].text).toContain('60.0%');
  });
  it('leaves out empty segments and handles zero / NaN counts', () => {
    expect(withClass(parse(imitationChart({ teacherWrong: 10, copied: 4, corrected: 6, teacherRight: 5, broken: 0 })), 'rect', 'segment')).toHaveLength(3);
    const none = parse(imitationChart({ teacherWrong: 0, copied: 0, corrected: 0, teacherRight: 9, broken: NaN }));
    expect(withClass(none, 'rect', 'segment')).toHaveLength(1);
    expect(withClass(none, 'text', 'na')).toHaveLength(1);
    expect(isEmpty(parse(imitationChart(undefined)))).toBe(true);
    expect(isEmpty(parse(imitationChart({ teacherWrong: NaN, copied: 0, corrected: 0, teacherRight: 0, broken: 0 })))).toBe(true);
  });
});

describe('bucketChart', () => {
  it('three bars per bucket, one panel per kind, chance buckets marked', () => {
    const els = parse(bucketChart(diag().buckets));
    expect(withClass(els, 'g', 'panel')).toHaveLength(2);
    expect(withClass(els, 'rect', 'bar')).toHaveLength(18);
    expect(withClass(els, 'g', 'chance')).toHaveLength(2);
  });
  it('NaN accuracies become n/a; empty input gives the empty state', () => {
    const b = diag().buckets!;
    b[0].transferAcc = NaN;
    const els = parse(bucketChart(b));
    expect(withClass(els, 'rect', 'bar')).toHaveLength(17);
    expect(withClass(els, 'text', 'na')).toHaveLength(1);
    expect(isEmpty(parse(bucketChart([])))).toBe(true);
    expect(isEmpty(parse(bucketChart(undefined)))).toBe(true);
  });
});

describe('shiftChart', () => {
  it('PGR in-dist vs OOD with error bars, and accuracy bars per subset', () => {
    const els = parse(shiftChart(diag().shift));
    expect(withClass(els, 'rect', 'bar-transfer')).toHaveLength(2 + 3);
    expect(withClass(els, 'rect', 'bar')).toHaveLength(2 + 9);
    expect(withClass(els, 'g', 'errorbar')).toHaveLength(2);
  });
  it('without OOD or groups draws the in-distribution bar only', () => {
    const els = parse(shiftChart({ inDist: { estimate: 0.4, low: 0.2, high: 0.6 } }));
    expect(withClass(els, 'g', 'panel')).toHaveLength(1);
    expect(withClass(els, 'rect', 'bar')).toHaveLength(1);
    expect(withClass(parse(shiftChart({ inDist: nanIv })), 'rect', 'bar')).toHaveLength(0);
    expect(isEmpty(parse(shiftChart(undefined)))).toBe(true);
  });
});

describe('computeChart', () => {
  it('one bar per timed run, vanilla ticks where known', () => {
    const els = parse(computeChart(rows()));
    expect(withClass(els, 'rect', 'bar')).toHaveLength(12);
    expect(withClass(els, 'line', 'ref')).toHaveLength(2);
    expect(els.some((e) => e.tag === 'text' && e.text.includes('×1.17 vanilla'))).toBe(true);
  });
  it('skips runs without a finite wall time', () => {
    const r = rows().map((x) => ({ ...x, diagnostics: undefined }));
    r[0].wallSeconds = NaN;
    delete r[1].wallSeconds;
    expect(withClass(parse(computeChart(r)), 'rect', 'bar')).toHaveLength(10);
    expect(isEmpty(parse(computeChart(r.map((x) => ({ ...x, wallSeconds: undefined })))))).toBe(true);
  });
});

describe('budgetChart', () => {
  // One task: vanilla (no budget) and refine at three budgets, given out of order.
  const budgetRows = (): MethodSummary[] => {
    const base = rows().filter((r) => r.task === 'sciq' && r.strong === 'qwen-4b' && r.method === 'vanilla')[0];
    const refine = (q: number, pgr: number): MethodSummary => ({ ...base, method: `refine(budget=${q})`, methodName: 'refine', oracleQueries: q, pgr: { estimate: pgr, low: pgr - 0.1, high: pgr + 0.1 } });
    return [base, refine(100, 0.5), refine(25, 0.3), refine(50, 0.4)];
  };

  it('plots one point with an interval per budget, left to right by labels bought, and vanilla as the reference line', () => {
    const els = parse(budgetChart(budgetRows()));
    const pts = withClass(els, 'circle', 'point-budget');
    expect(pts).toHaveLength(3);
    expect(withClass(els, 'g', 'errorbar')).toHaveLength(3);
    const byX = [...pts].sort((a, b) => +a.attrs.cx - +b.attrs.cx);
    // Higher PGR is drawn higher (smaller y); the sample's PGR grows with the budget.
    expect(byX.map((p) => +p.attrs.cy)).toEqual([...byX.map((p) => +p.attrs.cy)].sort((a, b) => b - a));
    expect(els.some((e) => e.tag === 'text' && e.text === 'vanilla')).toBe(true);
  });

  it('is empty without budgeted runs, and only reports that spent a budget get the chart', () => {
    expect(isEmpty(parse(budgetChart(rows())))).toBe(true);
    expect(buildCharts(sampleReport()).overview.map((c) => c.kind)).not.toContain('budget');
    expect(buildCharts({ ...sampleReport(), rows: budgetRows() }).overview.map((c) => c.kind)).toContain('budget');
  });
});

describe('hostile labels', () => {
  it('every chart stays well formed with markup in names', () => {
    const r = rows().map((x) => ({ ...x, task: `<t&"'>`, method: `m<${x.method}>` }));
    for (const svg of [pgrChart(r), scalingChart(r), calibrationChart(r), computeChart(r)]) {
      const els = parse(svg);
      expect(els.some((e) => e.text.includes('<t&"\'>') || e.text.includes('m<vanilla>'))).toBe(true);
    }
  });
});
