/** Which charts a report has: the overview charts and, per run, its diagnostics. */
import { bucketChart, budgetChart, budgeted, calibrated, calibrationChart, computeChart, imitationChart, pgrChart, scalingChart, shiftChart, wallTime } from './svg/index.js';
import { runLabel } from './svg/group.js';
import type { MethodSummary, ReportInput } from './types.js';

export interface Chart {
  /** File-name-safe and unique within the report: `<id>.svg`, `<id>.png`. */
  id: string;
  kind: ChartKind;
  title: string;
  svg: string;
}

export type ChartKind = 'pgr' | 'scaling' | 'budget' | 'calibration' | 'compute' | 'imitation' | 'buckets' | 'shift';

export interface RunCharts {
  row: MethodSummary;
  label: string;
  /** Unique anchor id for the run's section. */
  id: string;
  charts: Chart[];
}

export interface ReportCharts {
  overview: Chart[];
  runs: RunCharts[];
}

export function slug(s: string): string {
  const out = s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return out || 'chart';
}

function uniqueIds(): (base: string) => string {
  const seen = new Map<string, number>();
  return (base) => {
    const k = seen.get(base) ?? 0;
    seen.set(base, k + 1);
    return k === 0 ? base : `${base}-${k + 1}`;
  };
}

export function buildCharts(input: ReportInput): ReportCharts {
  const rows = input.rows;
  if (rows.length === 0) return { overview: [], runs: [] };
  const id = uniqueIds();
  const overview: Chart[] = [{ id: id('pgr'), kind: 'pgr', title: 'PGR per method', svg: pgrChart(rows) }];
  if (rows.some((r) => Number.isFinite(r.strongParams) && (r.strongParams as number) > 0))
    overview.push({ id: id('scaling'), kind: 'scaling', title: 'Accuracy against strong-model size', svg: scalingChart(rows) });
  if (budgeted(rows).length > 0) overview.push({ id: id('budget'), kind: 'budget', title: 'PGR against ground-truth budget', svg: budgetChart(rows) });
  if (calibrated(rows).length > 0) overview.push({ id: id('calibration'), kind: 'calibration', title: 'Calibration', svg: calibrationChart(rows) });
  if (rows.some((r) => wallTime(r) !== undefined))
    overview.push({ id: id('compute'), kind: 'compute', title: 'Wall time', svg: computeChart(rows) });

  const runs: RunCharts[] = [];
  for (const row of rows) {
    const d = row.diagnostics;
    if (!d) continue;
    const label = runLabel(row);
    const base = id(slug(label));
    const charts: Chart[] = [];
    if (d.imitation) charts.push({ id: id(`${base}-imitation`), kind: 'imitation', title: 'Imitation of teacher errors', svg: imitationChart(d.imitation, `Imitation of teacher errors: ${label}`) });
    if (d.buckets?.length) charts.push({ id: id(`${base}-buckets`), kind: 'buckets', title: 'Accuracy by bucket', svg: bucketChart(d.buckets, `Accuracy by bucket: ${label}`) });
    if (d.shift) charts.push({ id: id(`${base}-shift`), kind: 'shift', title: 'Distribution shift', svg: shiftChart(d.shift, `Distribution shift: ${label}`) });
    if (charts.length > 0 || d.compute) runs.push({ row, label, id: base, charts });
  }
  return { overview, runs };
}
