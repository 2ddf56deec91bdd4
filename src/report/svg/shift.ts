/** (d) Distribution shift: PGR in-distribution against OOD, and accuracy per subset. */
import type { ShiftDiagnostic } from '../types.js';
import type { Box } from './axis.js';
import { groupedBars } from './bars.js';
import { emptyChart, isNum } from './core.js';
import { fmtInterval } from './pgr.js';
import { ROLE_COLOR, ROLES } from './palette.js';
import { panelGrid } from './panels.js';
import { niceScale } from './scale.js';

export function shiftChart(shift: ShiftDiagnostic | undefined, title = 'Distribution shift'): string {
  if (!shift) return emptyChart(title, 'No shift diagnostic recorded.');
  const pgrs = [
    { label: 'in-distribution', i: shift.inDist },
    ...(shift.ood ? [{ label: 'OOD', i: shift.ood }] : []),
  ];
  const vals = [0, 1, ...pgrs.flatMap((p) => [p.i.estimate, p.i.low, p.i.high])].filter(isNum);
  const pgrScale = niceScale(Math.min(...vals), Math.max(...vals), 4);
  const groups = shift.perGroup ?? [];
  return panelGrid({
    title,
    columns: 2,
    plotW: Math.max(240, groups.length * 80),
    legend: ROLES.map((r) => ({ label: r, color: ROLE_COLOR[r] })),
    panels: [
      {
        title: shift.ood ? 'PGR: in-distribution vs OOD' : 'PGR in-distribution (no OOD split)',
        draw: (box) =>
          groupedBars(
            box,
            pgrs.map((p) => ({
              label: p.label,
              values: [{ role: 'transfer' as const, value: p.i.estimate, low: p.i.low, high: p.i.high, tip: `${p.label} PGR ${fmtInterval(p.i)}` }],
            })),
            pgrScale.domain,
            'PGR',
            0,
            pgrScale.ticks,
          ),
      },
      ...(groups.length
        ? [
            {
              title: 'accuracy per subset',
              draw: (box: Box) =>
                groupedBars(
                  box,
                  groups.map((g) => ({
                    label: g.group,
                    sub: `n=${g.n}`,
                    values: ROLES.map((role) => {
                      const value = role === 'weak' ? g.weakAcc : role === 'ceiling' ? g.ceilingAcc : g.transferAcc;
                      return { role, value, tip: `${g.group} · ${role}: ${isNum(value) ? value.toFixed(3) : 'n/a'}` };
                    }),
                  })),
                  [0, 1],
                  'test accuracy',
                ),
            },
          ]
        : []),
    ],
  });
}
