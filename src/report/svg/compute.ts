/** (d) Computational overhead: wall time per run, with the vanilla method's time marked. */
import type { MethodSummary } from '../types.js';
import { bottomAxis, legend, type Box } from './axis.js';
import { el, emptyChart, fit, heading, isNum, line, rect, svgDoc, text, textWidth } from './core.js';
import { taskGroupLabeler } from './group.js';
import { PALETTE } from './palette.js';
import { linear, niceScale } from './scale.js';

export function wallTime(r: MethodSummary): number | undefined {
  const w = r.diagnostics?.compute?.wallSeconds ?? r.wallSeconds;
  return isNum(w) && w >= 0 ? w : undefined;
}

export function formatSeconds(s: number | undefined): string {
  if (s === undefined || !isNum(s)) return '—';
  if (s < 1) return `${(s * 1000).toFixed(0)} ms`;
  if (s < 120) return `${s.toFixed(1)} s`;
  if (s < 7200) return `${(s / 60).toFixed(1)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

export function computeChart(rows: MethodSummary[], title = 'Wall time per run'): string {
  const timed = rows.filter((r) => wallTime(r) !== undefined);
  if (timed.length === 0) return emptyChart(title, 'No wall times recorded.');
  const groupOf = taskGroupLabeler(rows);
  const labels = timed.map((r) => fit(`${r.method} · ${groupOf(r)}`, 320, 11));
  const labelW = Math.max(...labels.map((l) => textWidth(l, 11))) + 16;
  const refs = timed.map((r) => r.diagnostics?.compute?.vanillaWallSeconds).filter(isNum);
  const hi = Math.max(...timed.map((r) => wallTime(r) as number), ...refs);
  const xs = niceScale(0, hi > 0 ? hi : 1, 5);
  const d1 = xs.domain[1];
  const width = labelW + 360 + 180;
  const leg = legend(
    [{ label: 'wall time', color: PALETTE[0] }, { label: 'vanilla on the same run', color: '#222', kind: 'line' }],
    12,
    34,
    width - 24,
  );
  const box: Box = { x: labelW, y: 34 + leg.height + 8, w: 360, h: timed.length * 24 };
  const x = linear([0, d1], [box.x, box.x + box.w]);
  let s = heading(title, width) + leg.svg;
  s += bottomAxis(box, x, xs.ticks, { label: 'wall time (seconds)' });
  timed.forEach((r, i) => {
    const w = wallTime(r) as number;
    const by = box.y + i * 24 + 4;
    const van = r.diagnostics?.compute?.vanillaWallSeconds;
    const ratio = isNum(van) && van > 0 ? ` (×${(w / van).toFixed(2)} vanilla)` : '';
    s += text(box.x - 8, by + 8, labels[i], { anchor: 'end', baseline: 'middle', size: 11 });
    s += rect(box.x, by, x(w) - box.x, 16, { fill: PALETTE[0], class: 'bar' }, `${labels[i]}: ${formatSeconds(w)}${ratio}`);
    if (isNum(van)) s += line(x(van), by - 3, x(van), by + 19, '#222', { 'stroke-width': 2, class: 'ref' });
    s += text(x(w) + 6, by + 8, `${formatSeconds(w)}${ratio}`, { baseline: 'middle', size: 10, fill: '#333' });
  });
  return svgDoc(width, box.y + box.h + 46, title, el('g', { class: 'compute' }, s));
}
