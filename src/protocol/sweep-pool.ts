/**
 * Runs planned experiments in parallel worker processes (child_process.fork),
 * all writing to one SQLite store (WAL, busy timeout). A crashed worker is
 * replaced; its run is reported as failed. `abort()` stops every worker.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ExperimentConfig } from './run.js';
import type { PlannedRun } from './sweep.js';

export interface WorkerEnv {
  storePath: string;
  cacheDir: string;
  threads: number;
}

export type ToWorker = { type: 'run'; id: number; cfg: ExperimentConfig; env: WorkerEnv } | { type: 'exit' };

export interface HeadlineScores {
  weak_acc: number;
  ceiling_acc: number;
  transfer_acc: number;
  pgr: number;
}

export type ToParent =
  | { type: 'ready' }
  | { type: 'result'; id: number; runKey: string; reused: boolean; seconds: number; test: HeadlineScores }
  | { type: 'error'; id: number; message: string; stack: string };

export type RunResult = Extract<ToParent, { type: 'result' }>;

export interface PoolOptions extends WorkerEnv {
  workers: number;
  onResult?: (run: PlannedRun, r: RunResult) => void;
  onFailure?: (run: PlannedRun, message: string, stack: string) => void;
}

export interface PoolHandle {
  done: Promise<{ finished: number; failed: number }>;
  /** Kills every worker (the runs in flight are lost, finished ones stay stored). */
  abort(): void;
}

const WORKER = fileURLToPath(new URL('./sweep-worker.ts', import.meta.url));

/** Node flags that let the worker load TypeScript through tsx. */
function tsxExecArgv(): string[] {
  const loader = createRequire(import.meta.url).resolve('tsx');
  return ['--import', pathToFileURL(loader).href];
}

export function runPool(runs: readonly PlannedRun[], opts: PoolOptions): PoolHandle {
  const queue = runs.map((run, id) => ({ run, id }));
  const inFlight = new Map<ChildProcess, { run: PlannedRun; id: number }>();
  const workers = new Set<ChildProcess>();
  let finished = 0, failed = 0, aborted = false;
  const started = new Set<ChildProcess>();
  let resolve!: (v: { finished: number; failed: number }) => void;
  let reject!: (e: Error) => void;
  const done = new Promise<{ finished: number; failed: number }>((res, rej) => ((resolve = res), (reject = rej)));
  const env: WorkerEnv = { storePath: opts.storePath, cacheDir: opts.cacheDir, threads: opts.threads };

  const settle = () => {
    if (!aborted && queue.length === 0 && inFlight.size === 0) {
      for (const w of workers) if (w.connected) w.send({ type: 'exit' } satisfies ToWorker);
      resolve({ finished, failed });
    }
  };
  const next = (w: ChildProcess) => {
    const job = queue.shift();
    if (!job) return settle();
    inFlight.set(w, job);
    w.send({ type: 'run', id: job.id, cfg: job.run.cfg, env } satisfies ToWorker);
  };
  const spawn = () => {
    const w = fork(WORKER, [], { execArgv: tsxExecArgv(), stdio: ['ignore', 2, 2, 'ipc'], env: process.env });
    workers.add(w);
    w.on('message', (m: ToParent) => {
      if (m.type === 'ready') return (started.add(w), next(w));
      const job = inFlight.get(w);
      inFlight.delete(w);
      if (job && m.type === 'result') (finished++, opts.onResult?.(job.run, m));
      if (job && m.type === 'error') (failed++, opts.onFailure?.(job.run, m.message, m.stack));
      next(w);
    });
    w.on('error', () => {}); // a send to an exiting worker; its 'exit' handler deals with the run
    w.on('exit', (code, signal) => {
      workers.delete(w);
      const job = inFlight.get(w);
      inFlight.delete(w);
      if (aborted) return;
      if (!started.has(w)) {
        aborted = true;
        for (const other of workers) other.kill('SIGTERM');
        return reject(new Error(`a sweep worker failed to start (${signal ?? `exit code ${code}`}); its error is printed above`));
      }
      if (job) {
        failed++;
        opts.onFailure?.(job.run, `worker process exited (${signal ?? `code ${code}`}) during the run`, '');
      }
      if (queue.length > 0 && workers.size < Math.min(opts.workers, queue.length + inFlight.size)) spawn();
      settle();
    });
  };
  const n = Math.max(1, Math.min(opts.workers, queue.length));
  if (queue.length === 0) resolve({ finished, failed });
  else for (let i = 0; i < n; i++) spawn();
  return {
    done,
    abort: () => {
      aborted = true;
      for (const w of workers) w.kill('SIGTERM');
      resolve({ finished, failed });
    },
  };
}
