/**
 * The BullMQ queue under failure, on a real redis-server: a worker process killed with
 * SIGKILL mid-job (its job runs once more, on another worker), a stalled worker whose
 * lock another worker took (its late completion is refused), a job whose workers die on
 * both attempts (failed, not looped), a finished job reported again after its outcome was
 * written (refused), and a server killed with SIGKILL mid-submission (restarted, it loses
 * nothing and writes nothing twice).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Queue } from 'bullmq';
import { baselinesOf, getChallenge } from '../db/challenges.js';
import { finishJob, heldLease, jobOf } from '../db/jobs.js';
import { openServerDb, type ServerDb } from '../db/schema.js';
import { putSnapshot } from '../db/snapshots.js';
import { enqueueSubmission, getSubmission, submissionPredictions } from '../db/submissions.js';
import { listResearchers } from '../db/tokens.js';
import { startServer } from '../serve.js';
import { challengeHome, VANILLA_SOURCE, type Fixture } from '../testing.js';
import { bullmqQueue, QUEUE_NAME } from './bullmq.js';
import { writeResult } from './complete.js';
import { startRedis, type TestRedis } from './fixtures/redis-server.js';
import { connectRedis } from './redis.js';
import type { SubmissionQueue } from './queue.js';

let fx: Fixture;
let sdb: ServerDb;
let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedis();
  fx = await challengeHome({ seeds: 1, audits: false }); // the queue's mechanics, without the audit reruns a finished job queues
  sdb = openServerDb(fx.home);
}, 120_000);
afterAll(async () => {
  sdb?.close();
  await redis?.stop();
});

const FIXTURES = resolve(import.meta.dirname, 'fixtures');
const children: ChildProcess[] = [];
function child(script: string, args: string[], stdout: 'inherit' | 'pipe' = 'inherit'): ChildProcess {
  const c = spawn(process.execPath, ['--import', 'tsx', join(FIXTURES, script), ...args], { stdio: ['ignore', stdout, 'inherit'] });
  children.push(c);
  return c;
}
const worker = (events: string, ms: number, mode = 'sleep') => child('slow-worker.ts', [fx.home, events, String(ms), redis.url, mode]);
async function kill9(c: ChildProcess): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) return;
  const exited = new Promise((r) => c.once('exit', r));
  c.kill('SIGKILL');
  await exited;
}
let queue: SubmissionQueue | undefined;
afterEach(async () => {
  await Promise.all(children.splice(0).map(kill9));
  await queue?.close();
  queue = undefined;
});

function record(note: string): number {
  const r = listResearchers(sdb)[0];
  const snap = putSnapshot(sdb, `${VANILLA_SOURCE}// ${note}`, r.id);
  return enqueueSubmission(sdb, { researcherId: r.id, challengeId: getChallenge(sdb, 'toy')!.id, snapshotId: snap.id, params: {}, seeds: 1, final: false }).id;
}

async function until(what: string, ok: () => boolean, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function untilAsync(what: string, ok: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : []);
const settled = (id: number) => ['done', 'failed'].includes(getSubmission(sdb, id)!.status);
const scoresOf = (id: number) =>
  (sdb.db.prepare('SELECT count(*) AS n FROM scores WHERE id = (SELECT score_id FROM submissions WHERE id = ?)').get(id) as { n: number }).n;

/** Each submission finished once: one set of predictions, one released score. */
function expectCompletedOnce(ids: number[]): void {
  for (const id of ids) {
    expect(getSubmission(sdb, id)!.status).toBe('done');
    expect(submissionPredictions(sdb, id)).toHaveLength(1);
    expect(scoresOf(id)).toBe(1);
  }
}

describe('the BullMQ queue', () => {
  it('retries the job of a worker killed with SIGKILL once, on another worker, and completes nothing twice', async () => {
    queue = await bullmqQueue(sdb, { url: redis.url, collectMs: 100 });
    const events = join(fx.home, 'bull-kill.txt');
    const ids = [record('bull-kill-a'), record('bull-kill-b')];
    for (const id of ids) await queue.dispatch(id);
    const a = worker(events, 60_000);
    await until('worker A to start a job', () => lines(events).some((l) => l.startsWith('start')));
    await until('the store to show it running', () => ids.some((id) => getSubmission(sdb, id)!.status === 'running'));
    await kill9(a);
    const b = worker(events, 300);
    await until('both submissions to finish', () => ids.every(settled));
    const ev = lines(events);
    const killed = Number(ev[0].split(' ')[1]);
    expect(ev.filter((l) => l.endsWith(` ${a.pid}`))).toEqual([`start ${killed} ${a.pid}`]);
    for (const id of ids) expect(ev.filter((l) => l === `finish ${id} ${b.pid}`)).toHaveLength(1);
    expectCompletedOnce(ids);
    expect(jobOf(sdb, killed)).toMatchObject({ state: 'done', attempts: 2 });
    expect(jobOf(sdb, ids.find((i) => i !== killed)!)).toMatchObject({ state: 'done', attempts: 1 });
    const logs = getSubmission(sdb, killed)!.logs;
    expect(logs).toMatch(/attempt 1 started on worker pid-\d+/);
    expect(logs).toMatch(/attempt 1: its worker stopped renewing the job's lock \(killed or stalled\); queued again/);
    expect(logs).toContain(`attempt 2 started on worker pid-${b.pid}`);
    expect(logs).toContain(`ran in ${b.pid}`);
  }, 120_000);

  it('refuses the completion of a stalled worker whose lock another worker took', async () => {
    queue = await bullmqQueue(sdb, { url: redis.url, collectMs: 100 });
    const events = join(fx.home, 'bull-stall.txt');
    const id = record('bull-stall');
    await queue.dispatch(id);
    // A holds the event loop for 8 s (no lock renewal), far past its 1 s lock — long enough for B
    // to start (a few seconds under load) and take the job over; B, which takes
    // the job over, is still running it when A wakes and tries to complete it.
    const a = worker(events, 8000, 'block');
    await until('worker A to start', () => lines(events).includes(`start ${id} ${a.pid}`));
    const b = worker(events, 6000);
    await until('A to wake and finish its run', () => lines(events).includes(`finish ${id} ${a.pid}`));
    await until('the submission to finish', () => settled(id));
    await new Promise((r) => setTimeout(r, 1000)); // time for A's refused completion to land, if it could
    expect(lines(events)).toContain(`finish ${id} ${b.pid}`);
    expectCompletedOnce([id]);
    const logs = getSubmission(sdb, id)!.logs;
    expect(logs).toContain(`ran in ${b.pid}`);
    expect(logs).not.toContain(`ran in ${a.pid}`);
    expect(jobOf(sdb, id)).toMatchObject({ state: 'done', attempts: 2 });
  }, 120_000);

  it('fails a job whose worker dies on both attempts instead of retrying it forever', async () => {
    queue = await bullmqQueue(sdb, { url: redis.url, collectMs: 100 });
    const events = join(fx.home, 'bull-doomed.txt');
    const id = record('bull-doomed');
    await queue.dispatch(id);
    for (const name of ['A', 'B']) {
      const w = worker(events, 60_000);
      await until(`worker ${name} to start the job`, () => lines(events).includes(`start ${id} ${w.pid}`));
      await kill9(w);
    }
    const c = worker(events, 100);
    await until('the submission to fail', () => settled(id));
    expect(getSubmission(sdb, id)).toMatchObject({ status: 'failed', error: 'the worker running it died on each of 2 attempts' });
    expect(jobOf(sdb, id)).toMatchObject({ state: 'failed', attempts: 2 });
    expect(getSubmission(sdb, id)!.logs).toMatch(/attempt 2: its worker stopped renewing the job's lock \(killed or stalled\); no attempts left/);
    expect(lines(events).filter((l) => l.endsWith(` ${c.pid}`))).toEqual([]);
    expect(submissionPredictions(sdb, id)).toHaveLength(0);
  }, 120_000);

  it('refuses a finished job reported again after its outcome was written (a server stopped before removing it)', async () => {
    const events = join(fx.home, 'bull-twice.txt');
    const id = record('bull-twice');
    const first = await bullmqQueue(sdb, { url: redis.url, collectMs: 60_000 }); // reads jobs back only at start
    await first.dispatch(id);
    await first.close();
    const w = worker(events, 100);
    await until('the worker to finish the job', () => lines(events).includes(`finish ${id} ${w.pid}`));
    const connection = await connectRedis(redis.url);
    const bull = new Queue(QUEUE_NAME, { connection });
    const state = () => bull.getJobState(`submission-${id}`);
    try {
      await untilAsync('Redis to show the job completed', async () => (await state()) === 'completed');
      // The outcome is in the store already, as a server would have written it before stopping.
      const c = getChallenge(sdb, 'toy')!;
      const base = baselinesOf(sdb, c).get(0)!;
      const lease = heldLease(sdb, 'bullmq', id)!;
      expect(finishJob(sdb, lease, 'done', Date.now(), () => writeResult(sdb, getSubmission(sdb, id)!, c, { perSeed: [{ seed: 0, ...base.weak }], logs: 'written first' }, Date.now()))).toBe(true);
      queue = await bullmqQueue(sdb, { url: redis.url, collectMs: 100 });
      await untilAsync('the server to remove the finished job from Redis', async () => (await state()) === 'unknown');
      expectCompletedOnce([id]);
      expect(submissionPredictions(sdb, id)[0].dev).toEqual(base.weak.dev);
      expect(getSubmission(sdb, id)!.logs).not.toContain(`ran in ${w.pid}`);
    } finally {
      await bull.close();
      connection.disconnect();
    }
  }, 120_000);

  it('loses nothing and writes nothing twice when the server is killed with SIGKILL mid-submission', async () => {
    const events = join(fx.home, 'bull-server.txt');
    const s1 = child('bullmq-server.ts', [fx.home, redis.url], 'pipe');
    const url = await new Promise<string>((res, rej) => {
      s1.stdout!.on('data', (d) => String(d).includes('http://') && res(String(d).trim()));
      s1.once('exit', (code) => rej(new Error(`the server exited with ${code}`)));
    });
    const submit = async (note: string) => {
      const r = await fetch(`${url}/api/v1/challenges/toy/submissions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${fx.tokens.alice}`, 'content-type': 'application/json' },
        body: JSON.stringify({ method: `${VANILLA_SOURCE}// ${note}`, seeds: 1 }),
      });
      expect(r.status).toBe(202);
      return ((await r.json()) as { id: number }).id;
    };
    const ids = [await submit('server-kill-a'), await submit('server-kill-b')];
    const w = worker(events, 1500);
    await until('the worker to start a job', () => lines(events).some((l) => l.startsWith('start')));
    await kill9(s1);
    // With the server down: the worker finishes both jobs, and a third submission sits in the
    // store without ever reaching Redis (a server killed between its commit and its dispatch).
    await until('the worker to finish both jobs', () => ids.every((id) => lines(events).includes(`finish ${id} ${w.pid}`)));
    ids.push(record('server-kill-c'));
    expect(ids.map((id) => getSubmission(sdb, id)!.status)).not.toContain('done');
    const s2 = await startServer({ home: fx.home, redis: redis.url, workers: 0, bullmq: { collectMs: 100 } });
    try {
      await until('all three submissions to finish', () => ids.every(settled));
      expectCompletedOnce(ids);
      for (const id of ids) {
        expect(lines(events).filter((l) => l === `start ${id} ${w.pid}`)).toHaveLength(1);
        expect(jobOf(sdb, id)).toMatchObject({ state: 'done', attempts: 1 });
      }
    } finally {
      await s2.close();
    }
  }, 120_000);
});
