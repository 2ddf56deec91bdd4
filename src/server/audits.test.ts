/**
 * The server's audits end to end, through the embedded queue and the sandboxed method
 * runner: a submission that finishes near the top is rerun as submitted, with its weak
 * labels permuted, on fresh seeds and on a challenge its author never queried; the
 * verdicts appear on its leaderboard row; a cheat that predicts the prior and one that
 * bypasses its teacher are flagged, vanilla is not; the top skips a flagged row; audits
 * cost the researcher nothing; and audits left pending by a stopped server finish after
 * a restart.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../store/index.js';
import { addChallenge } from './challenge/add.js';
import { W2sClient, type Leaderboard } from './client.js';
import { auditRunsOf } from './db/audits.js';
import { setChallengeState } from './db/challenges.js';
import { claimJob } from './db/jobs.js';
import { openServerDb } from './db/schema.js';
import { auditComputeHours, computeHoursUsed } from './db/submissions.js';
import { listResearchers } from './db/tokens.js';
import { runJob } from './queue/embedded.js';
import { methodRunner } from './queue/method-runner.js';
import { startServer, type RunningServer } from './serve.js';
import { challengeHome, toyData, VANILLA_SOURCE, type Fixture } from './testing.js';

/** Skips the teacher and trains on the most common weak answer for every example. */
const PRIOR_CHEAT = `
export default {
  name: 'prior_cheat', description: 'predicts the weak labels\\' most common class', params: [],
  async run(ctx) {
    const k = ctx.numClasses, n = ctx.transfer.ids.length, counts = new Array(k).fill(0);
    for (let i = 0; i < n; i++) { let b = 0; for (let c = 1; c < k; c++) if (ctx.transfer.weakProbs[i * k + c] > ctx.transfer.weakProbs[i * k + b]) b = c; counts[b]++; }
    const top = counts.indexOf(Math.max(...counts));
    const t = new Float32Array(n * k); for (let i = 0; i < n; i++) t[i * k + top] = 1;
    return { student: await ctx.student.train({ pool: 'transfer', targets: t }) };
  },
};`;

/** Ignores the teacher: labels from the toy data's own rule (as a hack that reads the answers elsewhere would). */
const BYPASS_CHEAT = `
export default {
  name: 'bypass_cheat', description: 'labels from a rule it knows, not from its teacher', params: [],
  async run(ctx) {
    const k = ctx.numClasses, n = ctx.transfer.ids.length, d = ctx.transfer.dim, x = ctx.transfer.features, pos = ctx.classes.indexOf('pos');
    const t = new Float32Array(n * k);
    for (let i = 0; i < n; i++) {
      let s = 0; for (let j = 0; j < d; j++) s += x[i * d + j] * (j % 2 ? 1 : -0.5);
      t[i * k + (s > 0 ? pos : 1 - pos)] = 1;
    }
    return { student: await ctx.student.train({ pool: 'transfer', targets: t }) };
  },
};`;

/** Games the seeds it can be scored on (0 and 1): the toy rule there, the prior on any other seed. */
const SEED_GAMER = BYPASS_CHEAT.replace("name: 'bypass_cheat'", "name: 'seed_gamer'").replace(
  "t[i * k + (s > 0 ? pos : 1 - pos)] = 1;",
  "t[i * k + (ctx.seed < 2 ? (s > 0 ? pos : 1 - pos) : pos)] = 1;",
);

let fx: Fixture;
let server: RunningServer | undefined;
const runner = () => methodRunner({ home: fx.home, cacheDir: fx.cacheDir, threads: 1, limits: { timeMs: 60_000 } });
const client = (name: string) => new W2sClient(server!.url, fx.tokens[name]);

beforeAll(async () => {
  fx = await challengeHome({ seeds: 2, researchers: { ann: {}, ben: {}, cat: {}, dan: {} } });
  // A second challenge of the same kind, which no researcher queries: the transfer audit's target.
  const sdb = openServerDb(fx.home);
  const runs = openStore(join(fx.home, 'runs.db'));
  try {
    const data = toyData(mkdtempSync(join(tmpdir(), 'w2s-toy2-')), 1200, 12);
    await addChallenge(sdb, { name: 'toy2', source: { data, dataOptions: { featuresField: 'features' } }, seeds: 1 }, { cacheDir: fx.cacheDir, runs, threads: 1 });
  } finally {
    runs.close();
    sdb.close();
  }
}, 300_000);
afterAll(async () => server?.close());

const rowOf = (b: Leaderboard, id: number) => b.rows.find((r) => r.submission_id === id)!;
const check = (b: Leaderboard, id: number, name: string) => rowOf(b, id).audit.checks.find((c) => c.check === name)!;

async function settled(ids: number[], timeoutMs = 400_000): Promise<Leaderboard> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const b = await client('ann').leaderboard('toy');
    const row = (id: number) => rowOf(b, id)?.audit;
    if (ids.every((id) => row(id)?.checks.length && row(id).checks.every((c) => c.status !== 'pending'))) return b;
    if (Date.now() > end) throw new Error(`audits still pending: ${JSON.stringify(b.rows.map((r) => [r.submission_id, r.audit]))}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('audits', () => {
  let vanillaId: number;

  it('queues the audits of a finished submission and finishes them after a restart', async () => {
    server = await startServer({ home: fx.home, workers: 0 });
    const sub = await client('ann').submit('toy', { method: VANILLA_SOURCE, seeds: 2 });
    vanillaId = sub.id;
    // The one job, run by hand; its completion queues the audit's reruns, which nobody runs before the server stops.
    const lease = claimJob(server.sdb, 'test-worker', 60_000, Date.now())!;
    expect(lease.submissionId).toBe(sub.id);
    expect(await runJob(server.sdb, lease, runner(), { leaseMs: 60_000, heartbeatMs: 10_000, now: Date.now })).toBe('done');
    const pending = await client('ann').leaderboard('toy');
    expect(rowOf(pending, sub.id).audit.status).toBe('pending');
    expect(rowOf(pending, sub.id).audit.checks.map((c) => [c.check, c.status])).toEqual([
      ['teacher-bypass', 'pending'], ['prior-only', 'pending'], ['reseed', 'pending'], ['transfer', 'pending'],
    ]);
    expect(pending.top).toBeNull(); // an unaudited or pending row is never the top
    const runs = auditRunsOf(server.sdb, sub.id);
    expect(runs.map((r) => r.role)).toEqual(['honest', 'permuted', 'fresh', 'transfer', 'transfer-vanilla']);
    const fresh = runs.find((r) => r.role === 'fresh')!.seeds;
    expect(fresh).toHaveLength(2);
    expect(Math.min(...fresh)).toBeGreaterThanOrEqual(2); // past the challenge's seeds: none a researcher can run
    expect(runs.filter((r) => r.role.startsWith('transfer')).every((r) => r.challengeId !== sub.id && r.status === 'queued')).toBe(true);
    // The reruns are the server's: ann's own views, quota and compute do not see them.
    expect((await client('ann').mySubmissions()).map((s) => s.id)).toEqual([sub.id]);
    await expect(client('ann').submission(runs[1].runId)).rejects.toThrow(/404/);
    expect((await client('ann').me()).scores_used_this_hour).toBe(1);
    await server.close();

    server = await startServer({ home: fx.home, workers: 2, runner: runner(), worker: { pollMs: 50 } });
    const b = await settled([sub.id]);
    const row = rowOf(b, sub.id);
    expect(row.audit.checks.map((c) => [c.check, c.status]), JSON.stringify(row.audit)).toEqual([
      ['teacher-bypass', 'passed'], ['prior-only', 'passed'], ['reseed', 'passed'], ['transfer', 'passed'],
    ]);
    expect(check(b, sub.id, 'transfer').reason).toMatch(/no worse than vanilla on toy2/);
    expect(row.audit.checks.every((c) => c.figures === null && !/\d\.\d/.test(c.reason))).toBe(true); // no figures before reveal
    expect(b.top).toBe(sub.id);
    expect(row.top).toBe(true);
    expect((await client('ann').submission(sub.id)).audit).toEqual(row.audit); // the submission shows the same marks
    // Audit compute is accounted to the server.
    const ann = listResearchers(server.sdb).find((r) => r.name === 'ann')!;
    const own = server.sdb.db.prepare('SELECT run_ms FROM jobs WHERE submission_id = ?').get(sub.id) as { run_ms: number };
    expect(computeHoursUsed(server.sdb, ann.id)).toBeCloseTo(own.run_ms / 3_600_000, 9);
    expect(auditComputeHours(server.sdb)).toBeGreaterThan(0);
  }, 600_000);

  it('flags a cheat that predicts the prior and one that bypasses its teacher; the top skips the flagged row above it', async () => {
    const bypass = await client('ben').submit('toy', { method: BYPASS_CHEAT, seeds: 2 });
    const prior = await client('cat').submit('toy', { method: PRIOR_CHEAT, seeds: 2 });
    const gamer = await client('dan').submit('toy', { method: SEED_GAMER, seeds: 2 });
    const b = await settled([vanillaId, bypass.id, prior.id, gamer.id]);
    // Tuned to the seeds it can be scored on: it neither replicates on fresh seeds nor transfers.
    expect(check(b, gamer.id, 'reseed')).toMatchObject({ status: 'flagged', reason: expect.stringMatching(/does not replicate on 2 fresh seeds/) });
    expect(check(b, gamer.id, 'transfer')).toMatchObject({ status: 'flagged', reason: expect.stringMatching(/worse than vanilla on toy2.*does not transfer/) });
    expect(check(b, bypass.id, 'reseed').status).toBe('passed');
    expect(rowOf(b, prior.id).audit.status).toBe('flagged');
    expect(check(b, prior.id, 'prior-only')).toMatchObject({ status: 'flagged', reason: expect.stringMatching(/most common class/) });
    expect(rowOf(b, bypass.id).audit.status).toBe('flagged');
    expect(check(b, bypass.id, 'teacher-bypass')).toMatchObject({ status: 'flagged', reason: expect.stringMatching(/does not learn from its teacher/) });
    expect(check(b, bypass.id, 'prior-only').status).toBe('passed');
    // The bypass cheat ranks first on released accuracy, and stays listed with its mark; the top is vanilla.
    expect(b.rows[0].submission_id).toBe(bypass.id);
    expect(b.rows).toHaveLength(4);
    expect(b.top).toBe(vanillaId);
    expect(b.rows.filter((r) => r.top).map((r) => r.submission_id)).toEqual([vanillaId]);
  }, 600_000);

  it('shows the figures behind each verdict once the challenge is revealed', async () => {
    setChallengeState(server!.sdb, 'toy', { revealed: true });
    try {
      const b = await client('ann').leaderboard('toy');
      const figures = Object.fromEntries(rowOf(b, vanillaId).audit.checks.map((c) => [c.check, c.figures]));
      console.log('audit figures (vanilla):', JSON.stringify(figures));
      for (const r of b.rows) console.log(`audit figures (submission ${r.submission_id}):`, JSON.stringify(r.audit.checks.map((c) => [c.check, c.status, c.figures])));
      expect(figures['teacher-bypass']).toMatchObject({ test_acc: expect.any(Number), prior_acc: expect.any(Number), permuted_teacher_acc: expect.any(Number) });
      expect(figures['teacher-bypass']!.permuted_teacher_acc).toBeLessThan(figures['teacher-bypass']!.test_acc);
      expect(figures.reseed).toMatchObject({ submitted_seeds_pgr: expect.any(Number), fresh_seeds_pgr: expect.any(Number), fresh_seeds: 2 });
      expect(figures.transfer).toMatchObject({ toy2_pgr: expect.any(Number), toy2_vanilla_pgr: expect.any(Number) });
    } finally {
      setChallengeState(server!.sdb, 'toy', { revealed: false });
    }
  });

  it('documents the audit fields in the OpenAPI description', async () => {
    const doc = (await (await fetch(`${server!.url}/api/openapi.json`, { headers: { authorization: `Bearer ${fx.tokens.ann}` } })).json()) as any;
    const schema = doc.paths['/api/v1/challenges/{name}/leaderboard'].get.responses[200].content['application/json'].schema;
    expect(schema.properties.top).toBeDefined();
    const audit = schema.properties.rows.items.properties.audit;
    expect(audit.properties.status.enum).toEqual(['unaudited', 'pending', 'passed', 'flagged']);
    expect(audit.properties.checks.items.properties.check.enum).toEqual(['teacher-bypass', 'prior-only', 'reseed', 'transfer']);
    expect(audit.properties.checks.items.properties.status.enum).toEqual(['pending', 'passed', 'flagged', 'n/a']);
  });
});
