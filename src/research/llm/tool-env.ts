/** What the tools act on: the researcher's context, its folder, its meter and what it has submitted. */
import type { SubmissionInfo } from '../../server/client.js';
import type { ResearcherContext } from '../researcher.js';
import type { Meter } from './meter.js';
import type { Workspace } from './workspace.js';

export interface ToolEnv {
  ctx: ResearcherContext;
  ws: Workspace;
  meter: Meter;
  /** Seeds of a smoke test (capped at the challenge's). */
  smokeSeeds: number;
  /** How often a submission's status is polled while the tool waits for it. */
  pollMs: number;
  /** w2s's checkout: read_reference reads its docs/ and src/. */
  w2sRoot: string;
  /** Every submission made this session, by id, in order, as last seen. */
  submissions: Map<number, SubmissionInfo>;
  /** The snapshot each method file was last submitted as: the next submission's parent. */
  lastSnapshot: Map<string, string>;
  /** Set by `finish`: the model's closing summary. */
  finished?: string;
}

/** Submissions this session may still make (Infinity without a limit). */
export const submissionsLeft = (env: ToolEnv): number =>
  env.ctx.budget.maxSubmissions === undefined ? Infinity : Math.max(0, env.ctx.budget.maxSubmissions - env.submissions.size);
