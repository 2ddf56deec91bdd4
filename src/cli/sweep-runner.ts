/** Runs planned experiments in worker processes (skipping stored ones) and summarises them: shared by `sweep` and `bench methods`. */
import { summarize, type GroupSummary } from '../protocol/summary.js';
import { prepareFeatures, type PlannedRun } from '../protocol/sweep.js';
import { runPool } from '../protocol/sweep-pool.js';
import { hasRun, openStore } from '../store/index.js';
import { fmt } from './format.js';
import { cores } from './options.js';
import { pretrainEvents } from './pretrain-events.js';
import { Progress } from './progress.js';
import { loadRecords } from './records.js';

export interface ExecuteOptions {
  workers?: number;
  store: string;
  cache: string;
  samples: number;
  verbose: boolean;
}

/**
 * Worker processes and threads per worker for a sweep. Threads follow the
 * workers asked for, not the runs left: a run's numbers depend on its thread
 * count (matrix kernels split their sums by it), so a resumed sweep with fewer
 * runs left than workers runs them at the same count as an uninterrupted one.
 */
export function parallelism(requested: number | undefined, pending: number, cores: number): { workers: number; threads: number } {
  const asked = Math.max(1, requested ?? cores);
  return { workers: Math.max(1, Math.min(asked, pending || 1)), threads: Math.max(1, Math.floor(cores / asked)) };
}

export async function executeRuns(runs: readonly PlannedRun[], o: ExecuteOptions): Promise<{ groups: GroupSummary[]; keys: string[]; failures: string[]; pending: number }> {
  const store = openStore(o.store);
  const pending = runs.filter((r) => !hasRun(store, r.runKey));
  store.close();
  const { workers, threads } = parallelism(o.workers, pending.length, cores());
  process.stderr.write(`sweep: ${runs.length} runs, ${runs.length - pending.length} already stored, ${pending.length} to run on ${workers} worker(s) x ${threads} thread(s)\n`);

  const events = pretrainEvents({ cacheDir: o.cache });
  await prepareFeatures(pending, { cacheDir: o.cache, threads: cores(), events });
  events.finishAll();

  const failures: string[] = [];
  if (pending.length > 0) {
    const bar = new Progress('sweep', pending.length);
    const pool = runPool(pending, {
      workers, threads, storePath: o.store, cacheDir: o.cache,
      onResult: (run, r) => bar.tick(1, `${run.label}: PGR ${fmt(r.test.pgr, 2)}`),
      onFailure: (run, message, stack) => {
        failures.push(`${run.label}: ${message}`);
        bar.log(`failed: ${run.label}: ${o.verbose && stack ? stack : message}`);
        bar.tick(1);
      },
    });
    const onSignal = () => {
      pool.abort();
      bar.log('sweep interrupted: finished runs are stored; rerun the same command to resume');
      process.exit(130);
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      await pool.done;
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
    bar.finish();
  }

  const keys = runs.map((r) => r.runKey);
  const reader = openStore(o.store);
  const groups = summarize(loadRecords(reader, { runKeys: keys }), { samples: o.samples, seed: 0 });
  reader.close();
  return { groups, keys, failures, pending: pending.length };
}
