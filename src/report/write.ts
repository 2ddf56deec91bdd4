/** `writeReport`: report.html plus every chart as .svg and .png (2x), written atomically. */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';
import { buildCharts } from './charts.js';
import { renderReportHtml } from './html.js';
import type { ReportInput } from './types.js';

// Debian's fonts-dejavu-core; loading only it is much faster than scanning every system font.
const DEJAVU_DIR = '/usr/share/fonts/truetype/dejavu';
const HAVE_DEJAVU = existsSync(DEJAVU_DIR);

export const PNG_OPTIONS: ResvgRenderOptions = {
  fitTo: { mode: 'zoom', value: 2 },
  background: '#ffffff',
  font: {
    loadSystemFonts: !HAVE_DEJAVU,
    fontDirs: HAVE_DEJAVU ? [DEJAVU_DIR] : [],
    defaultFontFamily: 'DejaVu Sans',
    sansSerifFamily: 'DejaVu Sans',
  },
  logLevel: 'error',
};

/** Render one SVG document to PNG at 2x. Throws on malformed SVG. */
export function svgToPng(svg: string): Buffer {
  return new Resvg(svg, PNG_OPTIONS).render().asPng();
}

/** Write via a temporary file in the same folder, then rename over the target. */
export async function writeAtomic(path: string, data: string | Buffer): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * Writes `<outDir>/report.html` and `<id>.svg` + `<id>.png` for every chart.
 * Returns the absolute path of report.html and of every file written (report.html last).
 */
export async function writeReport(input: ReportInput, outDir: string): Promise<{ html: string; files: string[] }> {
  const dir = resolve(outDir);
  await mkdir(dir, { recursive: true });
  const { overview, runs } = buildCharts(input);
  const files: string[] = [];
  for (const chart of [...overview, ...runs.flatMap((r) => r.charts)]) {
    const svgPath = join(dir, `${chart.id}.svg`);
    const pngPath = join(dir, `${chart.id}.png`);
    await writeAtomic(svgPath, `<?xml version="1.0" encoding="UTF-8"?>\n${chart.svg}\n`);
    await writeAtomic(pngPath, svgToPng(chart.svg));
    files.push(svgPath, pngPath);
  }
  const html = join(dir, 'report.html');
  await writeAtomic(html, renderReportHtml(input));
  files.push(html);
  return { html, files };
}
