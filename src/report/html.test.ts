import { describe, expect, it } from 'vitest';
import { sampleReport } from './fixtures.js';
import { renderReportHtml } from './html.js';
import { checkXml, withClass, type XmlElement } from './svg/wellformed.js';
import type { ReportInput } from './types.js';

function parse(html: string): XmlElement[] {
  expect(html.startsWith('<!doctype html>\n')).toBe(true);
  const r = checkXml(html.slice('<!doctype html>\n'.length));
  expect(r.errors).toEqual([]);
  return r.elements;
}
const byId = (els: XmlElement[], id: string) => els.filter((e) => e.attrs.id === id);

describe('renderReportHtml', () => {
  it('has a summary row per run with intervals, paired diffs and wall time', () => {
    const input = sampleReport();
    const els = parse(renderReportHtml(input));
    const rows = withClass(els, 'tr', 'run-row');
    expect(rows).toHaveLength(input.rows.length);
    const html = renderReportHtml(input);
    expect(html).toContain('<td>sciq</td><td>gpt2-small → qwen-0.5b</td><td>vanilla</td><td class="num">5</td>');
    expect(html).toContain('<span class="est">0.620</span> <span class="ci">[0.610, 0.630]</span>');
    expect(html).toContain('<span class="est">0.35</span> <span class="ci">[0.23, 0.47]</span>');
    expect(withClass(els, 'td', 'sig-up')).toHaveLength(6); // logconf rows: diff interval above 0
    expect(els.filter((e) => e.tag === 'td').map((e) => e.text)).toEqual(expect.arrayContaining(['30.0 s', '82.0 s']));
  });

  it('has a section per overview chart and the diagnostics of each run', () => {
    const els = parse(renderReportHtml(sampleReport()));
    for (const id of ['summary', 'pgr', 'scaling', 'calibration', 'compute', 'diagnostics', 'notes']) {
      expect(byId(els, id), id).toHaveLength(1);
    }
    const runs = withClass(els, 'article', 'run');
    expect(runs).toHaveLength(2);
    expect(els.filter((e) => e.tag === 'figure')).toHaveLength(4 + 2 * 3);
    expect(els.filter((e) => e.tag === 'svg')).toHaveLength(4 + 2 * 3);
    expect(withClass(els, 'dl', 'compute')).toHaveLength(2);
    expect(els.filter((e) => e.tag === 'dd').map((e) => e.text)).toContain('×1.17');
    expect(els.filter((e) => e.tag === 'a').map((e) => e.attrs.href)).toContain('#diagnostics');
  });

  it('escapes every user string and loads nothing from outside', () => {
    const input = sampleReport();
    input.rows[0].method = '<img src=x onerror=alert(1)>';
    const html = renderReportHtml(input);
    const els = parse(html);
    expect(els.some((e) => e.tag === 'img' || e.tag === 'script')).toBe(false);
    expect(els.find((e) => e.tag === 'title')?.text).toBe(input.title);
    expect(els.filter((e) => e.tag === 'li').map((e) => e.text)).toContain('Intervals are 95% bootstrap <CI>.');
    expect(html).not.toMatch(/\b(src|href)="(https?:)?\/\//);
    expect(html).not.toMatch(/<link[^>]+stylesheet|@import|url\(/);
    expect(html).toContain("default-src 'none'");
  });

  it('shows only the charts whose data exist', () => {
    const input = sampleReport();
    input.rows = input.rows.map(({ calibration, diagnostics, strongParams, wallSeconds, ...r }) => r);
    input.notes = [];
    const els = parse(renderReportHtml(input));
    expect(byId(els, 'pgr')).toHaveLength(1);
    for (const id of ['scaling', 'calibration', 'compute', 'diagnostics', 'notes']) expect(byId(els, id), id).toHaveLength(0);
    expect(els.filter((e) => e.tag === 'td').map((e) => e.text)).toContain('—');
  });

  it('renders a clear empty state without rows', () => {
    const input: ReportInput = { title: 'Empty', generatedAt: 'now', codeVersion: 'v0', rows: [] };
    const els = parse(renderReportHtml(input));
    expect(byId(els, 'empty')).toHaveLength(1);
    expect(els.some((e) => e.tag === 'table' || e.tag === 'svg')).toBe(false);
    expect(els.find((e) => e.tag === 'h2')?.text).toBe('No runs to report');
    expect(els.find((e) => e.attrs.class === 'meta')?.text).toContain('0 runs');
  });

  it('marks a paired diff below zero and leaves an inconclusive one plain', () => {
    const input = sampleReport();
    input.rows = input.rows.slice(3, 5);
    input.rows[0].pgrVsVanilla = { estimate: -0.2, low: -0.3, high: -0.1 };
    input.rows[1].pgrVsVanilla = { estimate: 0.05, low: -0.05, high: 0.15 };
    const els = parse(renderReportHtml(input));
    expect(withClass(els, 'td', 'sig-down')).toHaveLength(1);
    expect(withClass(els, 'td', 'sig-up')).toHaveLength(0);
  });

  it('shows the n-gram reference beside the ceiling and marks a ceiling that does not beat it', () => {
    const input = sampleReport();
    input.rows = input.rows.map((r, i) => ({ ...r, referenceAcc: i === 0 ? r.ceilingAcc.estimate + 0.05 : r.ceilingAcc.estimate - 0.05 }));
    const els = parse(renderReportHtml(input));
    const head = els.filter((e) => e.tag === 'th').map((e) => e.text);
    expect(head.indexOf('N-gram ref acc')).toBe(head.indexOf('Ceiling acc') + 1);
    const marked = els.filter((e) => e.tag === 'td' && e.attrs.title?.includes('weaker than a bag of n-grams'));
    expect(marked).toHaveLength(1);
    expect(marked[0].text).toBe(`${(input.rows[0].ceilingAcc.estimate + 0.05).toFixed(3)} ⚠`);
    expect(renderReportHtml(sampleReport())).not.toContain('N-gram ref');
  });
});

