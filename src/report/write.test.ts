import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sampleReport } from './fixtures.js';
import { svgDoc, text } from './svg/core.js';
import { checkXml } from './svg/wellformed.js';
import { PNG_OPTIONS, svgToPng, writeAtomic, writeReport } from './write.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'w2s-report-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

describe('writeReport', () => {
  it('writes report.html and each chart as .svg and .png at 2x', async () => {
    const { html, files } = await writeReport(sampleReport(), join(dir, 'out'));
    expect(html).toBe(join(dir, 'out', 'report.html'));
    expect(files).toHaveLength(1 + 2 * 10);
    expect(files.at(-1)).toBe(html);
    expect((await readdir(join(dir, 'out'))).sort()).toEqual(files.map((f) => basename(f)).sort());
    expect(files.map((f) => basename(f))).toEqual(expect.arrayContaining(['pgr.svg', 'pgr.png', 'scaling.png', 'calibration.svg', 'compute.png']));
    for (const svgPath of files.filter((f) => f.endsWith('.svg'))) {
      const svg = await readFile(svgPath, 'utf8');
      expect(checkXml(svg).errors, svgPath).toEqual([]);
      const w = Number(/width="(\d+)"/.exec(svg)![1]);
      const h = Number(/height="(\d+)"/.exec(svg)![1]);
      expect(pngSize(await readFile(svgPath.replace(/\.svg$/, '.png'))), svgPath).toEqual({ width: 2 * w, height: 2 * h });
    }
    expect(await readFile(html, 'utf8')).toContain('<section id="pgr">');
  });

  it('overwrites a previous report and leaves no temporary files', async () => {
    await writeReport(sampleReport(), dir);
    const input = sampleReport();
    input.title = 'second';
    const { files } = await writeReport(input, dir);
    const names = await readdir(dir);
    expect(names.filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(names).toHaveLength(files.length);
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toContain('<title>second</title>');
  });

  it('writes only the page when there are no rows', async () => {
    const { files } = await writeReport({ title: 't', generatedAt: 'g', codeVersion: 'c', rows: [] }, dir);
    expect(files.map((f) => basename(f))).toEqual(['report.html']);
  });
});

describe('svgToPng', () => {
  it('draws text with a system font (non-white pixels where the text is)', () => {
    const svg = svgDoc(120, 30, 't', text(4, 20, 'PGR 0.45', { size: 16 }));
    const img = new Resvg(svg, PNG_OPTIONS).render();
    const px = img.pixels; // a getter that copies: read it once
    let ink = 0;
    for (let i = 0; i < px.length; i += 4) if (px[i] < 128) ink++;
    expect(img.width).toBe(240);
    expect(ink).toBeGreaterThan(100);
  });
  it('throws on malformed SVG', () => {
    expect(() => svgToPng('<svg xmlns="http://www.w3.org/2000/svg"><g></svg>')).toThrow();
  });
});

describe('writeAtomic', () => {
  it('replaces the file in one step and cleans up on failure', async () => {
    const p = join(dir, 'a.txt');
    await writeFile(p, 'old');
    await writeAtomic(p, 'new');
    expect(await readFile(p, 'utf8')).toBe('new');
    await expect(writeAtomic(join(dir, 'missing', 'b.txt'), 'x')).rejects.toThrow();
    expect((await readdir(dir)).sort()).toEqual(['a.txt']);
  });
});
