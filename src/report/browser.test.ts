/** Opens the written report.html in headless Chromium and checks what a reader would see. */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleReport } from './fixtures.js';
import type { ReportInput } from './types.js';
import { writeReport } from './write.js';

const CHROMIUM = '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
const NAME = HAVE_CHROMIUM
  ? 'report.html in headless Chromium'
  : `report.html in headless Chromium: SKIPPED because ${CHROMIUM} does not exist (apt-get install chromium)`;

describe.skipIf(!HAVE_CHROMIUM)(NAME, () => {
  let browser: Browser;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'w2s-report-browser-'));
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  });
  afterAll(async () => {
    await browser?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Writes the report, opens it, and returns the page plus every problem the browser reported. */
  async function open(input: ReportInput, sub: string): Promise<{ page: Page; problems: string[] }> {
    const { html } = await writeReport(input, join(dir, sub));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('request', (r) => {
      if (!/^(file|data):/.test(r.url())) problems.push(`network request: ${r.url()}`);
    });
    await page.goto(pathToFileURL(html).href, { waitUntil: 'load' });
    return { page, problems };
  }

  it('shows every chart, visible and non-empty, with no console errors', async () => {
    const input = sampleReport();
    const { page, problems } = await open(input, 'full');
    const charts = page.locator('figure > svg');
    expect(await charts.count()).toBe(10);
    for (let i = 0; i < 10; i++) {
      const svg = charts.nth(i);
      await svg.scrollIntoViewIfNeeded();
      expect(await svg.isVisible()).toBe(true);
      const box = await svg.boundingBox();
      expect(box && box.width > 100 && box.height > 100, `chart ${i}: ${JSON.stringify(box)}`).toBe(true);
      // The marks themselves lay out too, not only the frame.
      const marks = await svg.evaluate((el) => {
        const shapes = [...el.querySelectorAll('.bar, .point, .segment')] as SVGGraphicsElement[];
        return { n: shapes.length, drawn: shapes.filter((s) => s.getBBox().width > 0 && s.getBBox().height > 0).length };
      });
      expect(marks.n).toBeGreaterThan(0);
      expect(marks.drawn).toBe(marks.n);
    }
    expect(await page.locator('#pgr svg rect.bar').count()).toBe(12);
    expect(await page.locator('#scaling svg circle.point').count()).toBe(36);
    expect(await page.locator('#summary tbody tr').count()).toBe(input.rows.length);
    expect(await page.locator('article.run').count()).toBe(2);
    expect(await page.title()).toBe(input.title);
    // Nothing wider than the viewport except inside the scrollable table.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows the empty state when there are no rows', async () => {
    const { page, problems } = await open({ title: 'Nothing yet', generatedAt: 'now', codeVersion: 'v0', rows: [] }, 'empty');
    expect(await page.locator('#empty').isVisible()).toBe(true);
    expect(await page.locator('#empty h2').textContent()).toBe('No runs to report');
    expect(await page.locator('svg').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });
});
