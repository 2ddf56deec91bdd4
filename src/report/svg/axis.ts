/** Axes, grid lines, legends and error bars shared by the chart builders. */
import { el, fit, line, rect, text, textWidth } from './core.js';
import { formatTick, type Scale } from './scale.js';

/** The plot area of one panel, in SVG pixels. */
export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const GRID = '#e3e3e3';
const AXIS = '#444';

export interface AxisOpts {
  label?: string;
  format?: (v: number) => string;
  grid?: boolean;
}

export function leftAxis(box: Box, y: Scale, ticks: number[], o: AxisOpts = {}): string {
  const fmt = o.format ?? ((v: number) => formatTick(v, ticks));
  let s = '';
  for (const t of ticks) {
    const py = y(t);
    if (o.grid !== false) s += line(box.x, py, box.x + box.w, py, GRID);
    s += line(box.x - 4, py, box.x, py, AXIS);
    s += text(box.x - 7, py, fmt(t), { anchor: 'end', baseline: 'middle', size: 11, fill: '#333' });
  }
  s += line(box.x, box.y, box.x, box.y + box.h, AXIS);
  if (o.label) {
    const lx = box.x - 44;
    const ly = box.y + box.h / 2;
    s += text(lx, ly, fit(o.label, box.h, 12), { anchor: 'middle', rotate: -90, size: 12 });
  }
  return el('g', { class: 'axis axis-y' }, s);
}

export function bottomAxis(box: Box, x: Scale, ticks: number[], o: AxisOpts = {}): string {
  const fmt = o.format ?? ((v: number) => formatTick(v, ticks));
  const base = box.y + box.h;
  let s = '';
  for (const t of ticks) {
    const px = x(t);
    if (o.grid !== false) s += line(px, box.y, px, base, GRID);
    s += line(px, base, px, base + 4, AXIS);
    s += text(px, base + 16, fmt(t), { anchor: 'middle', size: 11, fill: '#333' });
  }
  s += line(box.x, base, box.x + box.w, base, AXIS);
  if (o.label) s += text(box.x + box.w / 2, base + 34, fit(o.label, box.w, 12), { anchor: 'middle', size: 12 });
  return el('g', { class: 'axis axis-x' }, s);
}

/** A horizontal reference line across the plot (e.g. PGR 0 and 1), labelled in the right margin. */
export function hRule(box: Box, py: number, label?: string, dash = '4 3'): string {
  let s = line(box.x, py, box.x + box.w, py, '#777', { 'stroke-dasharray': dash });
  if (label) s += text(box.x + box.w + 4, py, label, { baseline: 'middle', size: 10, fill: '#666' });
  return el('g', { class: 'rule' }, s);
}

/** Vertical 95% interval with caps. Nothing when either end is not finite. */
export function errorBar(px: number, y0: number, y1: number, color = '#222', cap = 4): string {
  if (!Number.isFinite(y0) || !Number.isFinite(y1)) return '';
  const a = { 'stroke-width': 1.4 };
  return el(
    'g',
    { class: 'errorbar' },
    line(px, y0, px, y1, color, a) + line(px - cap, y0, px + cap, y0, color, a) + line(px - cap, y1, px + cap, y1, color, a),
  );
}

export interface LegendItem {
  label: string;
  color: string;
  kind?: 'box' | 'line';
  dash?: string;
}

/** A legend that flows left to right and wraps at `maxWidth`; returns its height. */
export function legend(items: LegendItem[], x: number, y: number, maxWidth: number): { svg: string; height: number } {
  const size = 11;
  const rowH = 18;
  let cx = x;
  let cy = y;
  let s = '';
  for (const it of items) {
    const label = fit(it.label, maxWidth - 24, size);
    const w = 22 + textWidth(label, size) + 14;
    if (cx > x && cx + w > x + maxWidth) {
      cx = x;
      cy += rowH;
    }
    s +=
      it.kind === 'line'
        ? line(cx, cy + 6, cx + 16, cy + 6, it.color, { 'stroke-width': 2.5, 'stroke-dasharray': it.dash })
        : rect(cx, cy, 14, 12, { fill: it.color });
    s += text(cx + 20, cy + 6, label, { baseline: 'middle', size });
    cx += w;
  }
  return { svg: el('g', { class: 'legend' }, s), height: items.length ? cy - y + rowH : 0 };
}
