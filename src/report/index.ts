export type * from './types.js';
export { renderReportHtml } from './html.js';
export { writeReport, svgToPng } from './write.js';
export { buildCharts, type Chart, type ChartKind, type ReportCharts, type RunCharts } from './charts.js';
export * from './svg/index.js';
