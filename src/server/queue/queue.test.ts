/**
 * The embedded queue under failure: a worker killed with SIGKILL mid-job (its job is
 * retried once, on another worker), a stalled worker whose lease was taken over (its late
 * result is refused), and a job whose workers die on every attempt (failed, not looped).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baselinesOf, getChallenge } from '../db/challenges.js';
import { claimJob, finishJob, heartbeat, jobOf, recoverExpired } from '../db/jobs.js';
import { openServerDb, type ServerDb } from '../db/schema.js';
import { putSnapshot } from '../db/snapshots.js';
import { enqueueSubmission, getSubmission, submissionPredictions } from '../db/submissions.js';
import { listResearchers } from '../db/tokens.js';
import { challengeHome, VANILLA_SOURCE, type Fixture } from '../testing.js';
import { writeResult } from './complete.js';

let fx: Fixture;
let sdb: ServerDb;
beforeAll(async () => {
  fx = await challengeHome({ seeds: 1, audits: false }); // the queue's mechanics, without the audit reruns a finished job queues
  sdb = openServerDb(fx.home);
});
afterAll(() => sdb?.close());

function submit(note: string): number {
  const r = listResearchers(sdb)[0];
  const c = getChallenge(sdb, 'toy')!;
  const snap = putSnapshot(sdb, `${VANILLA_SOURCE}// ${note}`, r.id);
  return enqueueSubmission(sdb, { researcherId: r.id, challengeId: c.id, snapshotId: snap.id, params: {}, seeds: 1, final: false }).id;
}

const WORKER = resolve(import.meta.dirname, 'fixtures/slow-worker.ts');
const children: ChildProcess[] = [];
afterAll(() => children.forEach((c) => c.exitCode === null && c.kill('SIGKILL')));

function spawnWorker(events: string, ms: number): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, fx.home, events, String(ms)], { stdio: ['ignore', 'inherit', 'inherit'] });
  children.push(child);
  return child;
}

async function until(what: string, ok: () => boolean, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const lines = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n').filter(Boolean) : []);

describe('the embedded queue', () => {
  it('retries the job of a worker killed with SIGKILL once, loses nothing and completes nothing twice', async () => {
    const events = join(fx.home, 'events-kill.txt');
    const ids = [submit('kill-a'), submit('kill-b')];
    const a = spawnWorker(events, 4000);
    await until('worker A to start a job', () => lines(events).some((l) => l.startsWith('start')));
    a.kill('SIGKILL');
    await new Promise((r) => a.once('exit', r));
    const b = spawnWorker(events, 300);
    await until('both submissions to finish', () => ids.every((id) => getSubmission(sdb, id)!.status === 'done'));
    b.kill('SIGKILL');
    const ev = lines(events);
    const killedJob = Number(ev[0].split(' ')[1]);
    // A started one job and never finished it; B finished each job exactly once.
    expect(ev.filter((l) => l.endsWith(` ${a.pid}`))).toEqual([`start ${killedJob} ${a.pid}`]);
    for (const id of ids) expect(ev.filter((l) => l === `finish ${id} ${b.pid}`)).toHaveLength(1);
    expect(jobOf(sdb, killedJob)).toMatchObject({ state: 'done', attempts: 2 });
    expect(jobOf(sdb, ids.find((i) => i !== killedJob)!)).toMatchObject({ state: 'done', attempts: 1 });
    for (const id of ids) {
      expect(submissionPredictions(sdb, id)).toHaveLength(1);
      const n = sdb.db.prepare("SELECT count(*) AS n FROM scores WHERE id = (SELECT score_id FROM submissions WHERE id = ?)").get(id) as { n: number };
      expect(n.n).toBe(1);
    }
    expect(getSubmission(sdb, killedJob)!.logs).toMatch(/stopped sending heartbeats; queued again/);
  });

  it('refuses the late result of a stalled worker whose lease another worker took', () => {
    const id = submit('stall');
    const c = getChallenge(sdb, 'toy')!;
    const t0 = Date.now() + 10_000_000; // a clock of our own, far from the other test's jobs
    const a = claimJob(sdb, 'A', 1000, t0)!;
    expect(a.submissionId).toBe(id);
    expect(heartbeat(sdb, a, 1000, t0 + 500)).toBe(true);
    // A stalls past its lease; B takes the job over.
    const b = claimJob(sdb, 'B', 1000, t0 + 3000)!;
    expect(b).toMatchObject({ submissionId: id, attempt: 2 });
    expect(heartbeat(sdb, a, 1000, t0 + 3100)).toBe(false);
    const base = baselinesOf(sdb, c).get(0)!;
    const result = { perSeed: [{ seed: 0, dev: base.vanilla.dev, final: base.vanilla.final }], logs: '' };
    const sub = getSubmission(sdb, id)!;
    expect(finishJob(sdb, a, 'done', t0 + 3200, () => writeResult(sdb, sub, c, result, t0 + 3200))).toBe(false);
    expect(submissionPredictions(sdb, id)).toHaveLength(0);
    expect(finishJob(sdb, b, 'done', t0 + 3300, () => writeResult(sdb, sub, c, result, t0 + 3300))).toBe(true);
    expect(submissionPredictions(sdb, id)).toHaveLength(1);
    expect(jobOf(sdb, id)).toMatchObject({ state: 'done', attempts: 2 });
  });

  it('fails a job whose worker dies on both attempts instead of retrying forever', () => {
    const id = submit('doomed');
    const t0 = Date.now() + 20_000_000;
    expect(claimJob(sdb, 'A', 1000, t0)!.submissionId).toBe(id);
    expect(claimJob(sdb, 'B', 1000, t0 + 2000)!.attempt).toBe(2);
    recoverExpired(sdb, t0 + 4000);
    expect(jobOf(sdb, id)).toMatchObject({ state: 'failed', attempts: 2 });
    expect(getSubmission(sdb, id)).toMatchObject({ status: 'failed', error: 'the worker running it died on each of 2 attempts' });
    expect(claimJob(sdb, 'C', 1000, t0 + 5000)).toBeNull();
  });
});
