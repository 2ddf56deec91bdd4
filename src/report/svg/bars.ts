/** Grouped vertical bars of accuracies (weak / ceiling / transfer) inside one panel box. */
import { errorBar, leftAxis, type Box } from './axis.js';
import { el, fit, isNum, rect, text } from './core.js';
import { ROLE_COLOR, type Role } from './palette.js';
import { linear, niceTicks } from './scale.js';

export interface BarGroup {
  label: string;
  /** Second label line, e.g. "n=120". */
  sub?: string;
  values: Array<{ role: Role; value: number; low?: number; high?: number; tip?: string }>;
  /** Shade the group (e.g. the teacher is at chance there). */
  marked?: boolean;
  markLabel?: string;
}

/** Bars start at `base` (default `domain[0]`); non-finite values are left out and noted "n/a". */
export function groupedBars(
  box: Box,
  groups: BarGroup[],
  domain: [number, number],
  yLabel: string,
  base = domain[0],
  ticks = niceTicks(domain[0], domain[1], 5),
): string {
  const y = linear(domain, [box.y + box.h, box.y]);
  const slot = box.w / Math.max(1, groups.length);
  let s = '';
  groups.forEach((g, gi) => {
    const gx = box.x + gi * slot;
    if (g.marked) {
      s += el(
        'g',
        { class: 'chance' },
        rect(gx + 2, box.y, slot - 4, box.h, { fill: '#f1f1f1', stroke: '#bbb', 'stroke-dasharray': '3 2' }) +
          text(gx + slot / 2, box.y + 11, fit(g.markLabel ?? 'marked', slot - 4, 9), { anchor: 'middle', size: 9, fill: '#555' }),
      );
    }
    const inner = Math.min(slot * 0.8, g.values.length * 18);
    const bw = inner / Math.max(1, g.values.length);
    g.values.forEach((v, vi) => {
      const bx = gx + (slot - inner) / 2 + vi * bw;
      if (!isNum(v.value)) {
        s += text(bx + bw / 2, y(base) - 4, 'n/a', { anchor: 'middle', size: 8, fill: '#666', cls: 'na' });
        return;
      }
      const top = Math.min(Math.max(v.value, domain[0]), domain[1]);
      s += rect(bx + 1, y(base), bw - 2, y(top) - y(base), { fill: ROLE_COLOR[v.role], class: `bar bar-${v.role}` }, v.tip);
      if (v.low !== undefined && v.high !== undefined) s += errorBar(bx + bw / 2, y(v.low), y(v.high), '#222', 3);
    });
    s += text(gx + slot / 2, box.y + box.h + 15, fit(g.label, slot - 2, 10), { anchor: 'middle', size: 10 });
    if (g.sub) s += text(gx + slot / 2, box.y + box.h + 28, fit(g.sub, slot - 2, 9), { anchor: 'middle', size: 9, fill: '#555' });
  });
  const axis = leftAxis(box, y, ticks, { label: yLabel });
  return axis + el('line', { x1: box.x, y1: y(base), x2: box.x + box.w, y2: y(base), stroke: '#444' }) + el('g', { class: 'marks' }, s);
}
