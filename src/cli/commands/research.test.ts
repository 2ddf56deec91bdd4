/**
 * `w2s research` end to end in a child process, as a user runs it: one offline
 * researcher against an embedded server on a tiny feature challenge, with a
 * budget of three submissions. It submits, reads released scores, posts
 * findings, resubmits its best as final, and writes best-<challenge>.ts (which
 * `w2s run --method` then runs on the raw data) and research.json.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../methods/index.js';
import { openStore } from '../../store/index.js';
import { addChallenge } from '../../server/challenge/add.js';
import { searchFindings } from '../../server/db/forum.js';
import { openServerDb } from '../../server/db/schema.js';
import { toyData } from '../../server/testing.js';
import { Rng } from '../../util/rng.js';
import type { ResearchReport } from '../../research/summary.js';
import { runCli } from '../testing.js';

let fx: { home: string; cacheDir: string; data: string };
/**
 * A home with challenge `toy` on 5 seeds: the strong student sees the raw features, the teacher
 * is a file of labels right on 70% of rows, so a student beats its teacher easily; the Ladder's
 * step is 0.01 (finer than the default for ~110 dev rows) so that a tiny run can improve on it.
 */
beforeAll(async () => {
  const home = mkdtempSync(join(tmpdir(), 'w2s-research-'));
  const data = toyData(home);
  fx = { home, cacheDir: join(home, 'cache'), data };
  const rng = new Rng(5);
  const weak = join(home, 'weak.jsonl');
  writeFileSync(weak, readFileSync(data, 'utf8').trim().split('\n').map((l, i) => {
    const row = JSON.parse(l) as { label: string };
    const right = rng.next() < 0.7;
    return JSON.stringify({ id: `toy-${i}`, label: right ? row.label : row.label === 'pos' ? 'neg' : 'pos', confidence: 0.6 + 0.3 * rng.next() });
  }).join('\n'));
  const sdb = openServerDb(home);
  const runs = openStore(join(home, 'runs.db'));
  try {
    await addChallenge(sdb, { name: 'toy', source: { data, dataOptions: { featuresField: 'features' } }, weakLabels: weak, seeds: 5, eta: 0.01 }, { cacheDir: fx.cacheDir, runs, threads: 1 });
  } finally {
    runs.close();
    sdb.close();
  }
}, 120_000);
afterAll(() => rmSync(fx.home, { recursive: true, force: true }));

const w2s = (args: string[]) => runCli(args, { cwd: fx.home });

describe('w2s research', () => {
  it('runs an offline researcher on an embedded server and exports the best method', async () => {
    const out = join(fx.home, 'out');
    const r = await w2s(['research', '--researchers', 'offline:1', '--challenge', 'toy', '--minutes', '3', '--max-submissions', '3',
      '--out', out, '--home', fx.home, '--cache', fx.cacheDir, '--workers', '2', '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/\[offline-1 toy\] #1 .*: improved, accuracy 0\.\d+/); // progress lines
    const report = JSON.parse(readFileSync(join(out, 'research.json'), 'utf8')) as ResearchReport;
    expect(JSON.parse(r.stdout)).toEqual(report);
    const [c] = report.challenges;
    expect(c.challenge).toBe('toy');
    expect(c.submissions).toBe(2); // two proposals, then the final resubmission of the best
    expect(report.researchers[0]).toMatchObject({ name: 'offline-1', kind: 'offline', stopped: 'submissions', submissions: 3 });
    expect(c.diversity.compositions).toBe(2);
    expect(c.diversity.meanDistance).toBeGreaterThan(0);
    expect(c.best).not.toBeNull();
    expect(c.best!.released.accuracy).toBeGreaterThan(0.5);
    // The embedded server is revealed after the run: the final part's PGR and Δ vs vanilla come with intervals.
    expect(c.best!.final!.pgr.low!).toBeLessThanOrEqual(c.best!.final!.pgr.estimate!);
    expect(c.best!.final!.vs_vanilla.high!).toBeGreaterThanOrEqual(c.best!.final!.vs_vanilla.estimate!);
    expect(report.cost).toMatchObject({ tokensIn: 0, tokensOut: 0, usd: 0 });

    // It posted to the forum: a result at its first improvement and a closing summary.
    const sdb = openServerDb(fx.home);
    try {
      const titles = searchFindings(sdb, {}).map((f) => f.title);
      expect(titles.some((t) => /^offline-1: .* — PGR /.test(t))).toBe(true);
      expect(titles.some((t) => /^offline-1: 2 compositions searched/.test(t))).toBe(true);
    } finally {
      sdb.close();
    }

    // Its work: readable candidates and their self-contained forms.
    expect(existsSync(join(out, 'toy', 'offline-1', 'candidates', 'c001.ts'))).toBe(true);
    const best = join(out, 'best-toy.ts');
    expect(readFileSync(best, 'utf8')).toMatch(/^\/\/ The best method of a `w2s research` run on challenge toy/);

    // The exported file runs on the data through the normal path.
    const run = await w2s(['run', '--data', fx.data, '--features-field', 'features', '--weak-labels', join(fx.home, 'weak.jsonl'), '--method', best, '--seeds', '1', '--cache', fx.cacheDir, '--store', join(fx.home, 'r.db')]);
    expect(run.code, run.stderr).toBe(0);
    const transfer = /seed 0: weak [\d.]+, ceiling [\d.]+, transfer ([\d.]+)/.exec(run.stderr);
    expect(Number(transfer?.[1])).toBeGreaterThan(0.5);

    const exported = join(fx.home, 'exported.ts');
    const ex = await w2s(['research', 'export', '--from', out, '--challenge', 'toy', '--out', exported]);
    expect(ex.code, ex.stderr).toBe(0);
    expect(readFileSync(exported, 'utf8')).toBe(readFileSync(best, 'utf8'));
  }, 300_000);

  it('says what is wrong with its flags', async () => {
    const bad = await w2s(['research', '--researchers', 'bogus:1', '--challenge', 'toy', '--out', join(fx.home, 'o2'), '--home', fx.home]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown kind "bogus"; the kinds are: offline/);
    const noOut = await w2s(['research', '--challenge', 'toy']);
    expect(noOut.stderr).toMatch(/give --out DIR/);
    const seeds = await w2s(['research', '--challenge', 'toy', '--out', join(fx.home, 'o3'), '--seeds', '3', '--home', fx.home]);
    expect(seeds.code).toBe(2);
  });
});
