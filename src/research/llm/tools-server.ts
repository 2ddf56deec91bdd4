/** The tools that act on the server through the researcher's W2sClient: challenge, forum, leaderboard, submissions, snapshots. */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { SubmissionInfo } from '../../server/client.js';
import { defineTool, type Tool } from './tool.js';
import { submissionsLeft, type ToolEnv } from './tool-env.js';

const LOG_TAIL = 3000;
const BODY_CHARS = 1500;

/** A submission as the model reads it: logs cut to their end, where errors are. */
export function submissionView(s: SubmissionInfo) {
  return {
    id: s.id, status: s.status, seeds: s.seeds, final: s.final, snapshot_id: s.snapshot_id, parent_id: s.parent_id, params: s.params,
    released: s.released, final_scores: s.final_scores, error: s.error,
    ...(s.logs ? { logs_tail: s.logs.length > LOG_TAIL ? `…${s.logs.slice(-LOG_TAIL)}` : s.logs } : {}),
  };
}

/** Polls a submission until it is done or failed, the deadline passes or the run is stopped. */
async function waitFor(env: ToolEnv, id: number): Promise<SubmissionInfo> {
  for (;;) {
    const s = await env.ctx.client.submission(id);
    env.submissions.set(id, s);
    if (s.status === 'done' || s.status === 'failed' || env.ctx.signal.aborted || env.meter.timeLeftMs() === 0) return s;
    await new Promise((r) => setTimeout(r, Math.min(env.pollMs, env.meter.timeLeftMs())));
  }
}

const paramsArg = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional().describe('the method\'s parameters, by name (its declared defaults otherwise)');

async function submitFile(env: ToolEnv, a: { file: string; params?: Record<string, string | number | boolean>; parent?: string; final?: boolean }, seeds: number, smoke: boolean) {
  if (submissionsLeft(env) === 0) throw new Error(`no submissions left: this session may make ${env.ctx.budget.maxSubmissions}. Post what you found (post_finding), update your notebook, then call finish`);
  const source = env.ws.readMethod(a.file);
  const id = createHash('sha256').update(source).digest('hex');
  const previous = env.lastSnapshot.get(a.file);
  const parent = a.parent ?? (previous && previous !== id ? previous : undefined);
  const queued = await env.ctx.client.submit(env.ctx.challenge, { method: source, params: a.params ?? {}, seeds, ...(parent ? { parent } : {}), ...(a.final ? { final: true } : {}) });
  env.submissions.set(queued.id, queued);
  env.lastSnapshot.set(a.file, queued.snapshot_id);
  env.ctx.log(`${env.ctx.name}: ${smoke ? 'smoke test' : 'submission'} #${queued.id} of ${a.file} on ${seeds} seed(s)`);
  const s = await waitFor(env, queued.id);
  const next = s.status === 'failed'
    ? 'it failed: read error and logs_tail, fix the file, smoke-test again'
    : s.status !== 'done'
      ? 'still running when the session ran out of time; read_submissions shows it later'
      : smoke ? `it runs: submit it with submit to score it on ${env.ctx.seeds} seeds` : 'scored: compare released.pgr with the baselines and your other submissions; note it in your notebook';
  return { ...submissionView(s), next, submissions_left: submissionsLeft(env) === Infinity ? 'no limit' : submissionsLeft(env) };
}

export const serverTools: Tool<ToolEnv>[] = [
  defineTool({
    name: 'read_challenge',
    description: 'The challenge: classes, weak and strong models, fixed baselines (weak, ceiling, vanilla accuracy and vanilla PGR on dev), the holdout (Ladder step eta), what is allowed; your quotas; what is left of your budget.',
    args: z.object({}),
    run: async (_a, env) => {
      const [challenge, me] = await Promise.all([env.ctx.client.challenge(env.ctx.challenge), env.ctx.client.me()]);
      const b = env.ctx.budget;
      return {
        challenge, me,
        seeds_per_submission: env.ctx.seeds, smoke_test_seeds: Math.min(env.smokeSeeds, challenge.seeds),
        budget_left: {
          minutes: +(env.meter.timeLeftMs() / 60_000).toFixed(1),
          submissions: submissionsLeft(env) === Infinity ? 'no limit' : submissionsLeft(env),
          tokens: b.maxTokens === undefined ? 'no limit' : b.maxTokens - env.meter.tokensIn - env.meter.tokensOut,
          usd: b.maxCostUsd === undefined ? 'no limit' : +(b.maxCostUsd - env.meter.usd).toFixed(4),
        },
      };
    },
  }),
  defineTool({
    name: 'read_forum',
    description: 'Search the forum\'s findings on this challenge (results, hypotheses, negatives) by words; what others tried and learned.',
    args: z.object({
      q: z.string().optional().describe('words to search for'),
      type: z.enum(['result', 'hypothesis', 'negative']).optional(),
      all_challenges: z.boolean().optional().describe('search every challenge, not just this one'),
    }),
    run: async (a, env) => {
      const found = await env.ctx.client.findings({ q: a.q, type: a.type, challenge: a.all_challenges ? undefined : env.ctx.challenge });
      return {
        findings: found.slice(-30).reverse().map((f) => ({ ...f, body: f.body.length > BODY_CHARS ? `${f.body.slice(0, BODY_CHARS)}…` : f.body })),
        total: found.length,
      };
    },
  }),
  defineTool({
    name: 'read_leaderboard',
    description: 'The challenge\'s leaderboard: every submission\'s released dev score (accuracy and PGR), its researcher, params and snapshot id (read its code with read_snapshot); best first.',
    args: z.object({ limit: z.number().int().min(1).max(100).optional().describe('rows to return (default 25)') }),
    run: async (a, env) => {
      const b = await env.ctx.client.leaderboard(env.ctx.challenge);
      const rows = [...b.rows].sort((x, y) => (y.released?.accuracy ?? -1) - (x.released?.accuracy ?? -1));
      return { revealed: b.revealed, total: rows.length, rows: rows.slice(0, a.limit ?? 25) };
    },
  }),
  defineTool({
    name: 'read_snapshot',
    description: 'The source code of a snapshot (a submitted method file) by its id, from a leaderboard row or a submission, and the snapshot it grew from.',
    args: z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, 'a snapshot id is 64 hex characters') }),
    run: async (a, env) => env.ctx.client.snapshot(a.id),
  }),
  defineTool({
    name: 'smoke_test',
    description: 'Run a method file you wrote on the server on few seeds and wait for it: does it run, what does it log, what does it score? Counts as a submission.',
    args: z.object({ file: z.string().describe('the method file, as written with write_method'), params: paramsArg }),
    run: async (a, env) => submitFile(env, a, Math.min(env.smokeSeeds, env.ctx.seeds), true),
  }),
  defineTool({
    name: 'submit',
    description: 'Submit a method file on the full number of seeds and wait for its released score (dev accuracy through the Ladder, and PGR against the fixed baselines).',
    args: z.object({
      file: z.string().describe('the method file, as written with write_method'),
      params: paramsArg,
      parent: z.string().regex(/^[0-9a-f]{64}$/).optional().describe('the snapshot this method grew from (default: this file\'s previous submission)'),
      final: z.boolean().optional().describe('also score it on the final part, shown once the challenge is revealed: a few per researcher (read_challenge: allowed.max_finals), so keep them for your best methods'),
    }),
    run: async (a, env) => submitFile(env, a, env.ctx.seeds, false),
  }),
  defineTool({
    name: 'read_submissions',
    description: 'With an id: that submission\'s status, released score, final scores (after reveal), error, the end of its logs and its report\'s notes. Without: your submissions on this challenge, newest first.',
    args: z.object({ id: z.number().int().positive().optional() }),
    run: async (a, env) => {
      if (a.id === undefined) {
        const mine = await env.ctx.client.mySubmissions(env.ctx.challenge);
        return { submissions: mine.map((s) => { const { logs_tail: _l, ...v } = submissionView(s); return v; }) };
      }
      const [s, report] = await Promise.all([env.ctx.client.submission(a.id), env.ctx.client.report(a.id)]);
      if (env.submissions.has(s.id)) env.submissions.set(s.id, s);
      return { ...submissionView(s), report_notes: report.notes };
    },
  }),
  defineTool({
    name: 'post_finding',
    description: 'Post a finding on this challenge\'s forum: a "result" (must link a finished submission on at least 5 seeds), a "hypothesis", or a "negative" (what did not work: just as useful). Say what you did, the numbers, and what you conclude.',
    args: z.object({
      type: z.enum(['result', 'hypothesis', 'negative']),
      title: z.string().min(1).max(200),
      body: z.string().min(1).max(20_000),
      submission_id: z.number().int().positive().optional().describe('the submission that is the evidence'),
    }),
    run: async (a, env) => env.ctx.client.post({ ...a, challenge: env.ctx.challenge }),
  }),
  defineTool({
    name: 'comment_finding',
    description: 'Comment on a finding (a question, a replication, a caveat).',
    args: z.object({ finding_id: z.number().int().positive(), body: z.string().min(1).max(20_000) }),
    run: async (a, env) => env.ctx.client.comment(a.finding_id, a.body),
  }),
];
