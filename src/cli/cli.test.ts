/**
 * The CLI end to end: `node bin/w2s.js` in a child process, on spam with 600
 * examples and 30 pretraining steps, with a temporary store and cache.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { chromium } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from './testing.js';

const CHROMIUM = '/usr/bin/chromium';
const dir = mkdtempSync(join(tmpdir(), 'w2s-cli-'));
const cache = join(dir, 'cache');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function w2s(args: string[], onSpawn?: (pid: number) => void) {
  return runCli(['--pretrain-steps', '30', ...args], { cwd: dir, onSpawn });
}

function storeRuns(path: string): { n: number; distinct: number } {
  if (!existsSync(path)) return { n: 0, distinct: 0 };
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    // The sweep may have created the file but not yet its schema.
    if (!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'runs'").get()) return { n: 0, distinct: 0 };
    const r = db.prepare('SELECT count(*) AS n, count(DISTINCT run_key) AS k FROM runs').get() as { n: number; k: number };
    return { n: r.n, distinct: r.k };
  } finally {
    db.close();
  }
}

const RUN = ['run', '--task', 'spam', '--limit', '600', '--seeds', '2', '--weak', 'xs', '--strong', 's', '--cache', cache];

describe('w2s run', () => {
  const store = join(dir, 'run.db');
  let first: CliResult;

  it('prints exactly one JSON object with the summary on stdout, progress on stderr', async () => {
    first = await w2s([...RUN, '--store', store, '--json', '--samples', '200']);
    expect(first.stderr).toContain('pretraining ladder model xs');
    expect(first.code, first.stderr).toBe(0);
    const out = JSON.parse(first.stdout);
    for (const k of ['weak_acc', 'ceiling_acc', 'transfer_acc', 'pgr', 'pgr_fixed']) expect(typeof out[k]).toBe('number');
    expect(out.pgr_ci).toHaveLength(2);
    expect(typeof out.has_gap).toBe('boolean');
    expect(out.pgr_ci[0]).toBeLessThanOrEqual(out.pgr_ci[1]);
    expect(out.seeds.map((s: { seed: number }) => s.seed)).toEqual([0, 1]);
    expect(out.seeds.every((s: { reused: boolean }) => !s.reused)).toBe(true);
    expect(out.ood.pgr_fixed_ci).toHaveLength(2);
    expect(out.diagnostics.imitation.teacher_wrong).toBeGreaterThan(0);
    expect(storeRuns(store)).toEqual({ n: 2, distinct: 2 });
  });

  it('reuses the stored runs on an identical rerun, without duplicates', async () => {
    const again = await w2s([...RUN, '--store', store, '--json', '--samples', '200']);
    expect(again.code, again.stderr).toBe(0);
    const out = JSON.parse(again.stdout);
    expect(out.seeds.every((s: { reused: boolean }) => s.reused)).toBe(true);
    expect(out.weak_acc).toBe(JSON.parse(first.stdout).weak_acc);
    expect(again.stderr).not.toContain('pretraining');
    expect(storeRuns(store)).toEqual({ n: 2, distinct: 2 });
  });

  it('--device cuda on the CPU-only build warns with the install hint and gives the same numbers on cpu', async () => {
    const cuda = await w2s(['--device', 'cuda', ...RUN, '--store', join(dir, 'cuda.db'), '--json', '--samples', '200']);
    expect(cuda.code, cuda.stderr).toBe(0);
    if (!cuda.stderr.includes('CUDA execution provider unavailable')) return; // a CUDA build is installed: nothing to fall back from
    expect(cuda.stderr).toContain('ONNXRUNTIME_NODE_INSTALL=cuda12 node node_modules/onnxruntime-node/script/install');
    expect(JSON.parse(cuda.stdout).transfer_acc).toBe(JSON.parse(first.stdout).transfer_acc);
  });

  it('prints a table without --json', async () => {
    const table = await w2s([...RUN, '--store', store, '--samples', '200']);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toMatch(/PGR fixed/);
    // Text data with ladder models fine-tunes by default, and the table says so.
    expect(table.stdout).toMatch(/spam\s+xs -> s \(fine-tuned\)\s+vanilla\s+2/);
  });
});

describe('bad usage', () => {
  it.each([
    [['run', '--task', 'nope'], /unknown task 'nope'; known tasks: .*spam/],
    [['run', '--task', 'spam', '--method', 'nope'], /unknown method "nope"; available: .*vanilla/],
    [['run', '--task', 'spam', '--strong', 'xxl'], /unknown model "xxl"; the models for text data are: xs\|s\|m\|l \(e\.g\. l\)/],
    [['run'], /give --task NAME/],
    [['run', '--task', 'spam', '--seeds', 'two'], /--seeds <n>.*invalid/],
    [['frobnicate'], /unknown command 'frobnicate'/],
    [['--device', 'gpu', 'run', '--task', 'spam'], /'gpu' is invalid. Allowed choices are cpu, cuda/],
    [['run', '--data', 'x.csv', '--label-type', 'text'], /'text' is invalid. Allowed choices are auto, string, number/],
    [['run', '--task', 'spam', '--weak-features', 'w.npy'], /--weak-features applies to feature-matrix data .*; for text data use --weak MODEL or --weak-labels FILE/],
    [['run', '--task', 'spam', '--strong', 'ngram', '--finetune-epochs', '1'], /--finetune-layers and --finetune-epochs set how students fine-tune, and here they train as probes \(xs and ngram cannot all be fine-tuned\); leave them out/],
    [['run', '--task', 'spam', '--student', 'probe', '--finetune-layers', '1'], /--student probe trains probes; leave one out/],
  ])('%j is one line on stderr and exit code 2', async (args, message) => {
    const r = await w2s(args as string[]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message as RegExp);
    expect(r.stderr).not.toMatch(/\bat .*\.ts:\d+/);
  });
});

describe('w2s sweep and w2s report', () => {
  const store = join(dir, 'sweep.db');
  const grid = (seeds: number | number[]) => {
    const file = join(dir, `grid-${JSON.stringify(seeds)}.json`);
    writeFileSync(file, JSON.stringify({ tasks: ['spam'], weak: ['xs'], strong: ['xs', 's', 'm'], methods: ['vanilla'], seeds, limit: 600 }));
    return file;
  };
  const sweep = (file: string, db = store, extra: string[] = [], onSpawn?: (pid: number) => void) =>
    w2s(['sweep', file, '--workers', '2', '--store', db, '--cache', cache, '--samples', '200', ...extra], onSpawn);

  it('runs a partial grid, then the full grid resumes without redoing or duplicating runs', async () => {
    const part = await sweep(grid([0]));
    expect(part.code, part.stderr).toBe(0);
    expect(part.stderr).toContain('3 to run on 2 worker(s)');
    expect(storeRuns(store)).toEqual({ n: 3, distinct: 3 });
    const full = await sweep(grid(2), store, ['--json']);
    expect(full.code, full.stderr).toBe(0);
    expect(full.stderr).toContain('6 runs, 3 already stored, 3 to run');
    expect(storeRuns(store)).toEqual({ n: 6, distinct: 6 });
    const rows = JSON.parse(full.stdout);
    expect(rows.map((r: { strong: string }) => r.strong)).toEqual(['xs', 's', 'm']);
    expect(rows.every((r: { n_seeds: number }) => r.n_seeds === 2)).toBe(true);
  });

  it('resumes after an interrupted sweep', async () => {
    const db = join(dir, 'interrupted.db');
    const file = grid(6);
    let poll: NodeJS.Timeout | undefined;
    const r = await sweep(file, db, [], (pid) => {
      poll = setInterval(() => {
        let stored = 0;
        try {
          stored = storeRuns(db).n;
        } catch {
          return; // the writer holds a lock for a moment: look again on the next tick
        }
        if (stored >= 2) {
          clearInterval(poll);
          process.kill(pid, 'SIGINT');
        }
      }, 50);
    });
    clearInterval(poll);
    const afterStop = storeRuns(db);
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toContain('rerun the same command to resume');
    expect(afterStop.n).toBeLessThan(18);
    expect(afterStop.n).toBe(afterStop.distinct);
    const resumed = await sweep(file, db);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`18 runs, ${afterStop.n} already stored`);
    expect(storeRuns(db)).toEqual({ n: 18, distinct: 18 });
  });

  it('writes the report with the accuracy-vs-size chart', async () => {
    const out = join(dir, 'report');
    const r = await w2s(['report', '--store', store, '--out', out, '--samples', '200']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(join(out, 'report.html'));
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('data-chart="scaling"');
    expect(html).toContain('Accuracy against strong-model size');
    for (const f of ['scaling.svg', 'scaling.png', 'pgr.svg', 'pgr.png']) expect(existsSync(join(out, f))).toBe(true);
    if (!existsSync(CHROMIUM)) return; // the report module's own browser test says how to install it
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      await page.goto(pathToFileURL(join(out, 'report.html')).href);
      const scaling = page.locator('figure[data-chart="scaling"] svg');
      await scaling.scrollIntoViewIfNeeded();
      expect(await scaling.isVisible()).toBe(true);
      // Three strong sizes (xs, s, m): a weak, a ceiling and a transfer point at each.
      for (const role of ['weak', 'ceiling', 'transfer']) expect(await scaling.locator(`.point-${role}`).count()).toBe(3);
      expect(await page.locator('figure[data-chart="pgr"] svg').isVisible()).toBe(true);
    } finally {
      await browser.close();
    }
  });

  it('rejects a grid with unknown fields or names', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ tasks: ['spam'], strong: ['s'], method: ['vanilla'] }));
    const r = await sweep(bad);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unknown field "method"/);
    writeFileSync(bad, JSON.stringify({ tasks: ['spam'], strong: ['huge'] }));
    const r2 = await sweep(bad);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toMatch(/unknown model "huge"/);
  });
});

describe('listings', () => {
  it('w2s models, methods and tasks print their tables', async () => {
    const [models, methods, tasks] = await Promise.all([w2s(['models']), w2s(['methods']), w2s(['tasks'])]);
    expect(models.stdout).toMatch(/^xs\s+d=16/m);
    expect(methods.stdout).toMatch(/^vanilla\s+/m);
    expect(methods.stdout).toMatch(/hard=false \(boolean\)/);
    expect(tasks.stdout).toMatch(/^spam\s+text\s+ham\/spam/m);
  });
});
