/**
 * What a worker needs from whatever runs a submitted method: predictions per seed on that
 * seed's dev and final examples, and the logs. The server scores them itself, so no
 * number a method reports reaches the leaderboard.
 */
import type { Challenge } from '../db/challenges.js';
import type { Snapshot } from '../db/snapshots.js';
import type { Submission } from '../db/submissions.js';

/** What a job carries (plain JSON, so a queue can move it to another machine). */
export interface JobSpec {
  submission: Submission;
  challenge: Challenge;
  snapshot: Snapshot;
  /** Per seed, the example ids of its dev and final parts in the order predictions must follow. */
  seeds: { seed: number; dev: string[]; final: string[] }[];
}

export interface SubmissionJob extends JobSpec {
  /** Aborted when the worker lost its hold on the job (lease or lock); a runner should stop early. */
  signal: AbortSignal;
}

export interface RunnerResult {
  perSeed: { seed: number; dev: number[]; final: number[] }[];
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
