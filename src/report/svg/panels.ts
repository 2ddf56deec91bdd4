/** Small-multiples layout: a grid of equally sized panels under a title and legend. */
import type { Box } from './axis.js';
import { legend, type LegendItem } from './axis.js';
import { el, fit, heading, svgDoc, text } from './core.js';

export interface PanelGrid {
  title: string;
  legend: LegendItem[];
  panels: Array<{ title: string; draw: (box: Box) => string }>;
  plotW?: number;
  plotH?: number;
  columns?: number;
}

const M = { left: 62, right: 20, top: 28, bottom: 50 };

export function panelGrid(g: PanelGrid): string {
  const plotW = g.plotW ?? 280;
  const plotH = g.plotH ?? 200;
  const cols = Math.max(1, Math.min(g.columns ?? 3, g.panels.length));
  const cellW = M.left + plotW + M.right;
  const cellH = M.top + plotH + M.bottom;
  const width = Math.max(cols * cellW, 360);
  const leg = legend(g.legend, M.left, 34, width - M.left - M.right);
  const top = 34 + leg.height + 6;
  const rows = Math.ceil(g.panels.length / cols);
  let body = heading(g.title, width) + leg.svg;
  g.panels.forEach((p, i) => {
    const cx = (i % cols) * cellW;
    const cy = top + Math.floor(i / cols) * cellH;
    const box: Box = { x: cx + M.left, y: cy + M.top, w: plotW, h: plotH };
    const head = text(box.x + plotW / 2, cy + 16, fit(p.title, plotW + M.left - 4, 12), {
      anchor: 'middle',
      weight: 'bold',
      size: 12,
    });
    body += el('g', { class: 'panel' }, head + p.draw(box));
  });
  return svgDoc(width, top + rows * cellH, g.title, body);
}
