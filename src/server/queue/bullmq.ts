/**
 * The BullMQ queue (`--redis URL`): the server hands each job to Redis and workers on any
 * machine (`w2s worker --redis URL`) pull it, run the same job code (job.ts) and return
 * its outcome as the BullMQ job's result. Crash safety is BullMQ's: a worker holds a job
 * by a lock it renews; a worker that dies (SIGKILL) or stalls loses it, the stalled-job
 * check of any live worker queues the job again once (`maxStalledCount` 1, `attempts` 1:
 * two runs at most, as in the embedded queue), and Redis refuses the completion of a
 * worker whose lock is gone. The server reads finished jobs back and writes each outcome
 * through the one completion path while the store still shows the job held by BullMQ,
 * so a second report of a finished job is refused; it removes a job from Redis only
 * after that write, and at start re-sends every job the store holds, so a server killed
 * at any point loses nothing and writes nothing twice.
 */
import { Queue, Worker as BullWorker, type Job } from 'bullmq';
import { hostname } from 'node:os';
import { z } from 'zod';
import { finishJob, heldBy, heldLease, holdQueued, noteAttempt, recoverExpired } from '../db/jobs.js';
import type { ServerDb } from '../db/schema.js';
import { outcomeWrite } from './complete.js';
import { executeJob, loadJob, type JobOutcome } from './job.js';
import type { SubmissionQueue, Worker } from './queue.js';
import { connectRedis } from './redis.js';
import type { JobSpec, SubmissionRunner } from './runner.js';

export const QUEUE_NAME = 'w2s-submissions';
/** The store's name for jobs BullMQ holds. */
const OWNER = 'bullmq';
/** Recoveries from a stall: a job whose worker dies runs once more, then fails. */
export const MAX_STALLED = 1;

interface JobData { spec: JobSpec }

export interface BullmqWorkerOptions {
  /** How long a worker's lock lasts unrenewed (BullMQ renews it every half). */
  lockMs?: number;
  /** How often a worker looks for jobs whose lock ran out. */
  stalledIntervalMs?: number;
  name?: string;
  onEvent?: (event: 'started' | 'finished' | 'lock lost' | 'error', detail: string) => void;
}

export interface BullmqOptions {
  /** redis:// URL; one Redis database per server (give its number in the URL: redis://host:6379/2). */
  url: string;
  /** How often the server reads started and finished jobs back into the store. */
  collectMs?: number;
  /** For the worker loops this process starts. */
  worker?: BullmqWorkerOptions;
}

const jobId = (submissionId: number) => `submission-${submissionId}`;
const submissionOf = (job: Job) => Number(String(job.id).replace('submission-', ''));

const outcomeSchema = z.discriminatedUnion('status', [
  z.object({
    status: z.literal('done'),
    result: z.object({
      perSeed: z.array(z.object({
        seed: z.number().int(), dev: z.array(z.number().int()), final: z.array(z.number().int()),
        scores: z.object({ weak_acc: z.number(), ceiling_acc: z.number(), transfer_acc: z.number(), prior_acc: z.number().optional() }).optional(),
      })),
      logs: z.string(),
    }),
  }),
  z.object({ status: z.literal('failed'), error: z.string(), logs: z.string() }),
]);

/** What a finished BullMQ job says happened, checked (it came over the network from a worker). */
function outcomeOf(job: Job, state: 'completed' | 'failed'): JobOutcome {
  if (state === 'failed') {
    const died = /stalled more than allowable limit/.test(job.failedReason);
    if (!died) return { status: 'failed', error: `the queue failed the job: ${job.failedReason}`, logs: '' };
    const last = `[queue] attempt ${1 + MAX_STALLED}: its worker stopped renewing the job's lock (killed or stalled); no attempts left`;
    return { status: 'failed', error: `the worker running it died on each of ${1 + MAX_STALLED} attempts`, logs: last };
  }
  const parsed = outcomeSchema.safeParse(job.returnvalue);
  if (parsed.success) return parsed.data;
  return { status: 'failed', error: `worker ${job.processedBy} returned something that is not a job outcome: ${parsed.error.issues[0]?.message}`, logs: '' };
}

/** The server side: dispatch to Redis, and the loop that writes outcomes into the store. */
export async function bullmqQueue(sdb: ServerDb, o: BullmqOptions): Promise<SubmissionQueue> {
  const connection = await connectRedis(o.url);
  const queue = new Queue<JobData, JobOutcome>(QUEUE_NAME, { connection });
  const workers: Worker[] = [];
  const send = (id: number) => queue.add('submission', { spec: loadJob(sdb, id) }, { jobId: jobId(id), attempts: 1 }).then(() => {});
  let resend = false;
  const seenActive = new Set<string>();
  const sendHeld = async () => {
    for (const id of heldBy(sdb, OWNER)) await send(id); // adding an existing job id is a no-op in BullMQ
  };
  const noteStart = (job: Job) => {
    // A job past its stall limit is failed by the next worker that fetches it, without running it: that fetch is no attempt.
    const runs = Math.min(job.attemptsStarted, 1 + MAX_STALLED);
    if (runs > 0 && job.processedOn) noteAttempt(sdb, OWNER, submissionOf(job), runs, job.processedOn, job.processedBy ?? 'a worker');
  };
  const settle = async (job: Job, state: 'completed' | 'failed') => {
    const id = submissionOf(job);
    noteStart(job);
    const lease = heldLease(sdb, OWNER, id);
    if (lease) {
      const now = job.finishedOn ?? Date.now();
      const w = outcomeWrite(sdb, loadJob(sdb, id), outcomeOf(job, state), now);
      finishJob(sdb, lease, w.state, now, w.write);
    } // else the store has this outcome already (a server stopped before removing the job): refused
    await job.remove();
  };
  const collect = async () => {
    if (resend) {
      resend = false;
      await sendHeld();
    }
    // Jobs queued in the store by the server itself (an audit's reruns, written with the outcome that called for them).
    for (const id of holdQueued(sdb, OWNER)) await send(id);
    // Only jobs newly active are read whole (a job carries its example ids); a restart within one streak is noted at settle.
    const active = new Set(await queue.getRanges(['active']));
    for (const id of seenActive) if (!active.has(id)) seenActive.delete(id);
    for (const id of active) {
      if (seenActive.has(id)) continue;
      const job = await queue.getJob(id);
      if (job) noteStart(job);
      seenActive.add(id);
    }
    for (const job of await queue.getCompleted(0, 99)) await settle(job, 'completed');
    for (const job of await queue.getFailed(0, 99)) await settle(job, 'failed');
  };

  // A store the embedded queue left: its expired leases are queued again (or failed), then everything queued is BullMQ's.
  recoverExpired(sdb, Date.now());
  holdQueued(sdb, OWNER);
  await sendHeld();
  await collect();
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pass: Promise<void> = Promise.resolve();
  const tick = () => {
    pass = collect()
      .catch((e) => {
        resend = true;
        process.stderr.write(`w2s queue: reading BullMQ jobs back failed (${(e as Error).message}); retrying\n`);
      })
      .then(() => {
        if (!stopped) timer = setTimeout(tick, o.collectMs ?? 500);
      });
  };
  tick();
  return {
    kind: 'bullmq',
    async dispatch(id) {
      holdQueued(sdb, OWNER, id);
      await send(id).catch((e) => {
        resend = true;
        process.stderr.write(`w2s queue: Redis did not take submission ${id} (${(e as Error).message}); it is sent again on the next pass\n`);
      });
    },
    startWorker(runner) {
      const w = lazyWorker(startBullmqWorker(o.url, runner, o.worker));
      workers.push(w);
      return w;
    },
    async close() {
      stopped = true;
      clearTimeout(timer);
      await pass;
      await Promise.all(workers.splice(0).map((w) => w.stop()));
      await queue.close();
      connection.disconnect();
    },
  };
}

/** A Worker whose start is still under way (its owner is known once it has connected). */
function lazyWorker(starting: Promise<Worker>): Worker {
  let owner = 'starting';
  starting.then(
    (w) => (owner = w.owner),
    (e) => process.stderr.write(`w2s queue: a worker did not start: ${(e as Error).message}\n`),
  );
  return {
    get owner() {
      return owner;
    },
    stop: async () => (await starting.catch(() => null))?.stop(),
  };
}

/** A worker loop pulling jobs from Redis: runs each with the job code and returns its outcome as the job's result. */
export async function startBullmqWorker(url: string, runner: SubmissionRunner, o: BullmqWorkerOptions = {}): Promise<Worker> {
  const connection = await connectRedis(url);
  const owner = o.name ?? `${hostname()}:${process.pid}`;
  const worker = new BullWorker<JobData, JobOutcome>(
    QUEUE_NAME,
    async (job, _token, signal) => {
      o.onEvent?.('started', `submission ${submissionOf(job)} attempt ${job.attemptsStarted}`);
      const outcome = await executeJob(job.data.spec, runner, signal ?? new AbortController().signal);
      o.onEvent?.('finished', `submission ${submissionOf(job)}: ${outcome.status}`);
      return outcome;
    },
    { connection, name: owner, concurrency: 1, lockDuration: o.lockMs ?? 30_000, stalledInterval: o.stalledIntervalMs ?? 30_000, maxStalledCount: MAX_STALLED },
  );
  // A lock that could not be renewed belongs to another worker by now: stop the run (its result would be refused).
  worker.on('lockRenewalFailed', (ids) => ids.forEach((id) => (worker.cancelJob(id, 'lost the lock'), o.onEvent?.('lock lost', id))));
  worker.on('error', (e) => o.onEvent?.('error', e.message));
  await worker.waitUntilReady();
  return {
    owner,
    stop: async () => {
      await worker.close();
      connection.disconnect();
    },
  };
}
