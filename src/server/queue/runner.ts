/**
 * What a worker needs from whatever runs a submitted method: predictions per seed on that
 * seed's dev and final examples, and the logs. The server scores them itself, so no
 * number a method reports reaches the leaderboard.
 */
import type { Challenge } from '../db/challenges.js';
import type { Snapshot } from '../db/snapshots.js';
import type { Submission } from '../db/submissions.js';

/** One audit rerun (src/server/audit/): which method runs, and with what teacher. */
export interface AuditRunSpec {
  /** The submission being audited. */
  auditedId: number;
  role: 'honest' | 'permuted' | 'fresh' | 'transfer' | 'transfer-vanilla';
  /** The weak labels permuted across examples (the teacher-bypass audit). */
  teacher?: 'permuted';
  /** The submitted snapshot, or the registered vanilla method (the transfer audit's reference). */
  method: 'snapshot' | 'vanilla';
}

/** What a job carries (plain JSON, so a queue can move it to another machine). */
export interface JobSpec {
  submission: Submission;
  challenge: Challenge;
  snapshot: Snapshot;
  /** Per seed, the example ids of its dev and final parts in the order predictions must follow (none for an audit rerun). */
  seeds: { seed: number; dev: string[]; final: string[] }[];
  /** Set when the job is an audit's rerun: its scores, not predictions, are what counts. */
  audit?: AuditRunSpec;
}

/** The lab scorer's test accuracies of one seed's run (computed in the worker from labels the method never sees). */
export interface SeedScores {
  weak_acc: number;
  ceiling_acc: number;
  transfer_acc: number;
  /** Always predicting the weak labels' most common class. */
  prior_acc?: number;
}

export interface SubmissionJob extends JobSpec {
  /** Aborted when the worker lost its hold on the job (lease or lock); a runner should stop early. */
  signal: AbortSignal;
}

export interface RunnerResult {
  /** `scores`: the run's own test scores; an audit rerun needs them, a submission's predictions are scored by the server. */
  perSeed: { seed: number; dev: number[]; final: number[]; scores?: SeedScores }[];
  logs: string;
}

export interface SubmissionRunner {
  run(job: SubmissionJob): Promise<RunnerResult>;
}

/** A failed run, carrying the logs it wrote before failing. */
export class RunnerFailure extends Error {
  constructor(message: string, readonly logs: string) {
    super(message);
    this.name = 'RunnerFailure';
  }
}
