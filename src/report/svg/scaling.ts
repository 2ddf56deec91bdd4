/** (b) Accuracy against strong-model size (log x), weak / ceiling / transfer with 95% bands. */
import type { Interval, MethodSummary } from '../types.js';
import { bottomAxis, errorBar, leftAxis, type Box } from './axis.js';
import { el, emptyChart, isNum, n } from './core.js';
import { groupBy, uniq } from './group.js';
import { ROLE_COLOR, ROLE_DASH, ROLES, type Role } from './palette.js';
import { panelGrid } from './panels.js';
import { formatCount, linear, log10, logDomain, logTicks, niceScale, type Scale } from './scale.js';

const FIELD: Record<Role, 'weakAcc' | 'ceilingAcc' | 'transferAcc'> = {
  weak: 'weakAcc',
  ceiling: 'ceilingAcc',
  transfer: 'transferAcc',
};

function series(rows: MethodSummary[], role: Role, x: Scale, y: Scale): string {
  const pts = rows
    .map((r) => ({ p: r.strongParams as number, i: r[FIELD[role]] as Interval, r }))
    .filter((d) => isNum(d.i.estimate));
  if (pts.length === 0) return '';
  const color = ROLE_COLOR[role];
  let s = '';
  const banded = pts.filter((d) => isNum(d.i.low) && isNum(d.i.high));
  if (banded.length >= 2) {
    const upper = banded.map((d) => `${n(x(d.p))},${n(y(d.i.high))}`);
    const lower = banded.map((d) => `${n(x(d.p))},${n(y(d.i.low))}`).reverse();
    s += el('polygon', { points: [...upper, ...lower].join(' '), fill: color, 'fill-opacity': 0.15, class: 'band' });
  } else {
    for (const d of banded) s += errorBar(x(d.p), y(d.i.low), y(d.i.high), color);
  }
  if (pts.length >= 2) {
    const path = pts.map((d) => `${n(x(d.p))},${n(y(d.i.estimate))}`).join(' ');
    s += el('polyline', { points: path, fill: 'none', stroke: color, 'stroke-width': 2, 'stroke-dasharray': ROLE_DASH[role] });
  }
  for (const d of pts) {
    const tip = `${d.r.strong} (${formatCount(d.p)} params) · ${role}: ${d.i.estimate.toFixed(3)} [${
      isNum(d.i.low) ? d.i.low.toFixed(3) : '—'
    }, ${isNum(d.i.high) ? d.i.high.toFixed(3) : '—'}]`;
    s += el('circle', { cx: x(d.p), cy: y(d.i.estimate), r: 3.5, fill: color, class: `point point-${role}` }, '', tip);
  }
  return el('g', { class: `series series-${role}` }, s);
}

export function scalingChart(rows: MethodSummary[], title = 'Accuracy against strong-model size'): string {
  const sized = rows.filter((r) => isNum(r.strongParams) && (r.strongParams as number) > 0);
  const xd = logDomain(sized.map((r) => r.strongParams as number));
  if (!xd) return emptyChart(title, 'No runs record the strong model’s parameter count.');
  const multiWeak = new Set<string>();
  for (const [k, g] of groupBy(sized, (r) => `${r.task}\u0000${r.method}`)) {
    if (uniq(g.map((r) => r.weak)).length > 1) multiWeak.add(k);
  }
  const panels = groupBy(sized, (r) =>
    multiWeak.has(`${r.task}\u0000${r.method}`) ? `${r.task} · ${r.method} · weak ${r.weak}` : `${r.task} · ${r.method}`,
  );
  const xt = logTicks(xd[0], xd[1]);
  return panelGrid({
    title,
    legend: ROLES.map((role) => ({ label: role, color: ROLE_COLOR[role], kind: 'line', dash: ROLE_DASH[role] })),
    panels: [...panels].map(([ptitle, g]) => ({
      title: ptitle,
      draw: (box: Box) => {
        const sorted = [...g].sort((a, b) => (a.strongParams as number) - (b.strongParams as number));
        const vals = sorted.flatMap((r) => ROLES.flatMap((ro) => Object.values(r[FIELD[ro]]))).filter(isNum);
        const ys = niceScale(Math.min(...vals), Math.max(...vals), 4);
        const [y0, y1] = ys.domain;
        const x = log10(xd, [box.x, box.x + box.w]);
        const y = linear([y0, y1], [box.y + box.h, box.y]);
        return (
          leftAxis(box, y, ys.ticks, { label: 'test accuracy' }) +
          bottomAxis(box, x, xt, { label: 'strong model parameters (log scale)', format: formatCount }) +
          ROLES.map((ro) => series(sorted, ro, x, y)).join('')
        );
      },
    })),
  });
}
