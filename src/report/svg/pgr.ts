/** (a) PGR per method with 95% intervals, grouped by task. */
import type { MethodSummary } from '../types.js';
import { errorBar, hRule, leftAxis, legend, type Box } from './axis.js';
import { el, emptyChart, fit, heading, isNum, line, rect, svgDoc, text, textWidth } from './core.js';
import { groupBy, pairLabel, uniq } from './group.js';
import { seriesColor } from './palette.js';
import { linear, niceScale } from './scale.js';

const BAR = 22;
const BAR_GAP = 4;
const GROUP_GAP = 22;

export function fmtInterval(i: { estimate: number; low: number; high: number }, digits = 2): string {
  const f = (v: number) => (isNum(v) ? v.toFixed(digits) : '—');
  return `${f(i.estimate)} [${f(i.low)}, ${f(i.high)}]`;
}

export function pgrChart(rows: MethodSummary[], title = 'Performance gap recovered (PGR), 95% intervals'): string {
  if (rows.length === 0) return emptyChart(title, 'No runs to plot.');
  // Group by task and weak→strong pair; the pair is shown only where a task has several.
  const groups = groupBy(rows, (r) => `${r.task}\u0000${pairLabel(r)}`);
  const pairsPerTask = groupBy([...groups.keys()], (k) => k.split('\u0000')[0]);
  const labelsOf = (k: string): [string, string] => {
    const [task, pair] = k.split('\u0000');
    return [task, (pairsPerTask.get(task)?.length ?? 0) > 1 ? pair : ''];
  };
  const methods = uniq(rows.map((r) => r.method));

  const values = [0, 1];
  for (const r of rows) for (const v of [r.pgr.estimate, r.pgr.low, r.pgr.high]) if (isNum(v)) values.push(v);
  const {
    domain: [d0, d1],
    ticks,
  } = niceScale(Math.min(...values), Math.max(...values));

  const widths = [...groups].map(([k, g]) => {
    const bars = g.length * (BAR + BAR_GAP) - BAR_GAP;
    const [task, pair] = labelsOf(k);
    return Math.max(bars, Math.min(170, Math.max(textWidth(task, 11), textWidth(pair, 10)) + 6));
  });
  const plotW = Math.max(320, widths.reduce((a, b) => a + b + GROUP_GAP, GROUP_GAP));
  const margin = { left: 62, right: 56 };
  const width = margin.left + plotW + margin.right;
  const leg = legend(
    methods.map((m, i) => ({ label: m, color: seriesColor(i) })),
    margin.left,
    34,
    plotW,
  );
  const box: Box = { x: margin.left, y: 34 + leg.height + 10, w: plotW, h: 240 };
  const height = box.y + box.h + 44;
  const y = linear([d0, d1], [box.y + box.h, box.y]);

  let body = heading(title, width) + leg.svg;
  body += leftAxis(box, y, ticks, { label: 'PGR' });
  body += hRule(box, y(0), '= weak') + hRule(box, y(1), '= ceiling');

  let gx = box.x + GROUP_GAP;
  let gi = 0;
  let marks = '';
  for (const [k, g] of groups) {
    const [task, pair] = labelsOf(k);
    const label = pair ? `${task} (${pair})` : task;
    const gw = widths[gi++];
    const bars = g.length * (BAR + BAR_GAP) - BAR_GAP;
    let bx = gx + (gw - bars) / 2;
    for (const r of g) {
      const color = seriesColor(methods.indexOf(r.method));
      const cx = bx + BAR / 2;
      const tip = `${label} · ${r.method}: PGR ${fmtInterval(r.pgr)} (${r.nSeeds} seeds)`;
      if (isNum(r.pgr.estimate)) {
        marks += rect(bx, y(0), BAR, y(r.pgr.estimate) - y(0), { fill: color, class: 'bar' }, tip);
        marks += errorBar(cx, y(r.pgr.low), y(r.pgr.high));
      } else {
        marks += el('g', { class: 'na' }, text(cx, y(0) - 6, 'n/a', { anchor: 'middle', size: 10, fill: '#666' }), tip);
      }
      bx += BAR + BAR_GAP;
    }
    marks += text(gx + gw / 2, box.y + box.h + 17, fit(task, gw + GROUP_GAP - 4, 11), { anchor: 'middle', size: 11 });
    if (pair) marks += text(gx + gw / 2, box.y + box.h + 31, fit(pair, gw + GROUP_GAP - 4, 10), { anchor: 'middle', size: 10, fill: '#555' });
    gx += gw + GROUP_GAP;
  }
  body += el('g', { class: 'marks' }, marks);
  body += line(box.x, box.y + box.h, box.x + box.w, box.y + box.h, '#444');
  return svgDoc(width, height, title, body);
}
