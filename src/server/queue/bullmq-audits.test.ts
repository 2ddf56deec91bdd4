/**
 * Audits on the BullMQ queue: the reruns a finished submission queues (written in the
 * store inside its completion, never dispatched by a route) reach Redis, run on a BullMQ
 * worker with the method runner, and settle the row's audit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { W2sClient } from '../client.js';
import { auditRunsOf } from '../db/audits.js';
import { jobOf } from '../db/jobs.js';
import { startServer } from '../serve.js';
import { challengeHome, VANILLA_SOURCE, type Fixture } from '../testing.js';
import { startRedis, type TestRedis } from './fixtures/redis-server.js';
import { methodRunner } from './method-runner.js';

let fx: Fixture;
let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
  fx = await challengeHome({ seeds: 1 });
}, 120_000);
afterAll(async () => redis?.stop());

describe('audits on BullMQ', () => {
  it('runs the reruns a finished submission queues on a BullMQ worker and settles its audit', async () => {
    const runner = methodRunner({ home: fx.home, cacheDir: fx.cacheDir, threads: 1, limits: { timeMs: 60_000 } });
    const server = await startServer({ home: fx.home, redis: redis.url, workers: 1, runner, bullmq: { collectMs: 100 } });
    try {
      const client = new W2sClient(server.url, fx.tokens.alice);
      const s = await client.submit('toy', { method: VANILLA_SOURCE, seeds: 1 });
      const end = Date.now() + 300_000;
      let audit = (await client.submission(s.id)).audit;
      while (audit.status === 'unaudited' || audit.checks.some((c) => c.status === 'pending')) {
        if (Date.now() > end) throw new Error(`audit still pending: ${JSON.stringify(audit)}`);
        await new Promise((r) => setTimeout(r, 200));
        audit = (await client.submission(s.id)).audit;
      }
      // The mechanics: every check settled from reruns a BullMQ worker ran. (The verdicts themselves are tested on
      // constructed cheats in src/server/audits.test.ts; vanilla's teacher-bypass margin on this one-seed toy is thin.)
      expect(audit.checks.map((c) => c.check)).toEqual(['teacher-bypass', 'prior-only', 'reseed', 'transfer']);
      for (const c of audit.checks) expect(['passed', 'flagged', 'n/a']).toContain(c.status);
      expect(audit.checks.find((c) => c.check === 'prior-only')?.status).toBe('passed');
      expect(audit.checks.find((c) => c.check === 'transfer')?.status).toBe('n/a');
      const runs = auditRunsOf(server.sdb, s.id);
      expect(runs.map((r) => r.role)).toEqual(['honest', 'permuted', 'fresh']);
      for (const r of runs) expect(jobOf(server.sdb, r.runId)).toMatchObject({ state: 'done', attempts: 1 });
      expect((await client.leaderboard('toy')).top).toBe(audit.status === 'passed' ? s.id : null);
    } finally {
      await server.close();
    }
  }, 400_000);
});
