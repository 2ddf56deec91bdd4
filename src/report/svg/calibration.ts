/** (c) Reliability diagrams: mean confidence against accuracy per bin, with the diagonal. */
import type { CalibrationBin, MethodSummary } from '../types.js';
import { bottomAxis, leftAxis, type Box } from './axis.js';
import { el, emptyChart, isNum, line, n } from './core.js';
import { taskGroupLabeler } from './group.js';
import { ROLE_COLOR, ROLE_DASH, ROLES, type Role } from './palette.js';
import { panelGrid } from './panels.js';
import { linear, niceTicks, type Scale } from './scale.js';

function usable(bins: CalibrationBin[] | undefined): CalibrationBin[] {
  return (bins ?? []).filter((b) => b.count > 0 && isNum(b.confidence) && isNum(b.accuracy));
}

function curve(bins: CalibrationBin[], role: Role, x: Scale, y: Scale): string {
  if (bins.length === 0) return '';
  const color = ROLE_COLOR[role];
  const sorted = [...bins].sort((a, b) => a.confidence - b.confidence);
  const maxCount = Math.max(...sorted.map((b) => b.count));
  let s = '';
  if (sorted.length >= 2) {
    const pts = sorted.map((b) => `${n(x(b.confidence))},${n(y(b.accuracy))}`).join(' ');
    s += el('polyline', { points: pts, fill: 'none', stroke: color, 'stroke-width': 2, 'stroke-dasharray': ROLE_DASH[role] });
  }
  for (const b of sorted) {
    const r = 2.5 + 3 * Math.sqrt(b.count / maxCount);
    const tip = `${role}, confidence ${b.lo.toFixed(2)}–${b.hi.toFixed(2)}: mean ${b.confidence.toFixed(3)}, accuracy ${b.accuracy.toFixed(3)}, n=${b.count}`;
    s += el('circle', { cx: x(b.confidence), cy: y(b.accuracy), r, fill: color, 'fill-opacity': 0.85, class: `point point-${role}` }, '', tip);
  }
  return el('g', { class: `series series-${role}` }, s);
}

/** Rows that carry at least one usable calibration curve. */
export function calibrated(rows: MethodSummary[]): MethodSummary[] {
  return rows.filter((r) => ROLES.some((ro) => usable(r.calibration?.[ro]).length > 0));
}

export function calibrationChart(rows: MethodSummary[], title = 'Calibration (reliability diagrams)'): string {
  const withCal = calibrated(rows);
  if (withCal.length === 0) return emptyChart(title, 'No calibration bins recorded.');
  const groupOf = taskGroupLabeler(rows);
  const ticks = niceTicks(0, 1, 5);
  return panelGrid({
    title,
    plotW: 220,
    plotH: 220,
    columns: 4,
    legend: [
      ...ROLES.map((ro) => ({ label: ro, color: ROLE_COLOR[ro], kind: 'line' as const, dash: ROLE_DASH[ro] })),
      { label: 'perfect calibration', color: '#888', kind: 'line' as const, dash: '3 3' },
    ],
    panels: withCal.map((r) => ({
      title: `${groupOf(r)} · ${r.method}`,
      draw: (box: Box) => {
        const x = linear([0, 1], [box.x, box.x + box.w]);
        const y = linear([0, 1], [box.y + box.h, box.y]);
        return (
          leftAxis(box, y, ticks, { label: 'accuracy' }) +
          bottomAxis(box, x, ticks, { label: 'confidence' }) +
          line(x(0), y(0), x(1), y(1), '#888', { 'stroke-dasharray': '3 3', class: 'diagonal' }) +
          ROLES.map((ro) => curve(usable(r.calibration?.[ro]), ro, x, y)).join('')
        );
      },
    })),
  });
}
