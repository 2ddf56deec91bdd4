/** PGR against the ground-truth budget of methods that query an oracle (e.g. refine), vanilla as the zero-budget reference. */
import type { MethodSummary } from '../types.js';
import { bottomAxis, errorBar, hRule, leftAxis, type Box } from './axis.js';
import { el, emptyChart, isNum, n, text } from './core.js';
import { groupBy, pairLabel, uniq } from './group.js';
import { seriesColor } from './palette.js';
import { panelGrid } from './panels.js';
import { linear, niceScale } from './scale.js';

const nameOf = (r: MethodSummary): string => r.methodName ?? r.method;
const queried = (r: MethodSummary): boolean => isNum(r.oracleQueries) && (r.oracleQueries as number) > 0;

/** Rows of methods that spent an oracle budget. */
export function budgeted(rows: MethodSummary[]): MethodSummary[] {
  return rows.filter(queried);
}

export function budgetChart(rows: MethodSummary[], title = 'PGR against ground-truth budget'): string {
  const spent = budgeted(rows);
  if (spent.length === 0) return emptyChart(title, 'No run spent an oracle budget.');
  const methods = uniq(spent.map(nameOf));
  const panels = groupBy(spent, (r) => `${r.task} · ${pairLabel(r)}`);
  return panelGrid({
    title,
    legend: [
      ...methods.map((m, i) => ({ label: m, color: seriesColor(i), kind: 'line' as const })),
      { label: 'vanilla (no budget)', color: '#777', kind: 'line' as const, dash: '4 3' },
    ],
    panels: [...panels].map(([ptitle, g]) => {
      const vanilla = rows.find((r) => nameOf(r) === 'vanilla' && r.task === g[0].task && r.weak === g[0].weak && r.strong === g[0].strong && !queried(r));
      return {
        title: ptitle,
        draw: (box: Box) => {
          const xs = niceScale(0, Math.max(...g.map((r) => r.oracleQueries as number)), 5);
          const x = linear(xs.domain, [box.x, box.x + box.w]);
          const vals = [0, ...[...g, ...(vanilla ? [vanilla] : [])].flatMap((r) => [r.pgr.estimate, r.pgr.low, r.pgr.high])].filter(isNum);
          const ys = niceScale(Math.min(...vals), Math.max(...vals), 4);
          const y = linear(ys.domain, [box.y + box.h, box.y]);
          let s = leftAxis(box, y, ys.ticks, { label: 'PGR' }) + bottomAxis(box, x, xs.ticks, { label: 'ground-truth labels per seed' });
          if (vanilla && isNum(vanilla.pgr.estimate)) {
            // Labelled inside the plot: the right margin of a panel is too narrow for it.
            const py = y(vanilla.pgr.estimate);
            s += hRule(box, py) + text(box.x + box.w - 4, py - 5, 'vanilla', { anchor: 'end', size: 10, fill: '#666' });
          }
          methods.forEach((m, i) => {
            const pts = g.filter((r) => nameOf(r) === m && isNum(r.pgr.estimate)).sort((a, b) => (a.oracleQueries as number) - (b.oracleQueries as number));
            if (pts.length === 0) return;
            const color = seriesColor(i);
            let series = '';
            if (pts.length >= 2) series += el('polyline', { points: pts.map((r) => `${n(x(r.oracleQueries as number))},${n(y(r.pgr.estimate))}`).join(' '), fill: 'none', stroke: color, 'stroke-width': 2 });
            for (const r of pts) {
              const px = x(r.oracleQueries as number);
              series += errorBar(px, y(r.pgr.low), y(r.pgr.high), color);
              const tip = `${r.method}: ${Math.round(r.oracleQueries as number)} labels · PGR ${r.pgr.estimate.toFixed(2)} [${isNum(r.pgr.low) ? r.pgr.low.toFixed(2) : '—'}, ${isNum(r.pgr.high) ? r.pgr.high.toFixed(2) : '—'}]`;
              series += el('circle', { cx: px, cy: y(r.pgr.estimate), r: 3.5, fill: color, class: 'point point-budget' }, '', tip);
            }
            s += el('g', { class: `series series-${m}` }, series);
          });
          return s;
        },
      };
    }),
  });
}
