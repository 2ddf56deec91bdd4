/**
 * The submission runner: writes the submitted source to a content-addressed
 * file and runs it, seed by seed, with the lab's runExperiment — which runs the
 * method in its own confined process (bubblewrap and Node's permission model,
 * docs/boundary.md) that sees no label, no file of the server's home and no
 * network; this worker holds ground truth and scores what comes back.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../../util/fs.js';
import { openStore } from '../../store/index.js';
import { runSeed } from '../challenge/run-seed.js';
import type { MethodProcessLimits } from '../../protocol/sandbox/host.js';
import { RunnerFailure, type RunnerResult, type SubmissionJob, type SubmissionRunner } from './runner.js';

export interface MethodRunnerOptions {
  home: string;
  cacheDir: string;
  threads?: number;
  /** Time and memory of each seed's method process (default 30 min, 8 GB). */
  limits?: Partial<MethodProcessLimits>;
}

/** The path a snapshot's source is written to: its hash names it, so a file is never rewritten with other code. */
export function snapshotFile(home: string, snapshotId: string): string {
  // .mts: an ES module wherever the home is (a .ts outside a "type": "module" package loads as CommonJS).
  return join(home, 'snapshots', `${snapshotId}.mts`);
}

export function methodRunner(o: MethodRunnerOptions): SubmissionRunner {
  return {
    async run(job: SubmissionJob): Promise<RunnerResult> {
      const lines: string[] = [];
      const log = (m: string) => lines.push(m);
      const file = snapshotFile(o.home, job.snapshot.id);
      if (!existsSync(file)) writeFileAtomicSync(file, job.snapshot.source);
      const runs = openStore(join(o.home, 'runs.db'));
      try {
        const perSeed: RunnerResult['perSeed'] = [];
        for (const s of job.seeds) {
          if (job.signal.aborted) throw new Error('stopped: the worker lost its lease');
          // An audit's reference rerun is the registered vanilla method; every other run is the submitted snapshot.
          const vanilla = job.audit?.method === 'vanilla';
          const [method, params] = vanilla ? ['vanilla', {}] : [file, job.submission.params];
          const what = job.audit ? ` (audit of submission ${job.audit.auditedId}: ${job.audit.role})` : '';
          log(`seed ${s.seed}: running ${vanilla ? 'vanilla' : job.snapshot.id.slice(0, 12)} with ${JSON.stringify(params)}${what}`);
          const env = { cacheDir: o.cacheDir, runs, threads: o.threads, log, limits: o.limits };
          const p = await runSeed(job.challenge.config, method, params, s.seed, env, { teacher: job.audit?.teacher });
          const pick = (ids: string[]) => ids.map((id) => {
            const c = p.transfer.get(id);
            if (c === undefined) throw new Error(`seed ${s.seed}: the run has no prediction for example ${id}`);
            return c;
          });
          perSeed.push({ seed: s.seed, dev: pick(s.dev), final: pick(s.final), scores: p.scores });
        }
        return { perSeed, logs: lines.join('\n') };
      } catch (e) {
        const err = e as Error;
        throw new RunnerFailure(err.message, [...lines, err.stack ?? err.message].join('\n'));
      } finally {
        runs.close();
      }
    },
  };
}
