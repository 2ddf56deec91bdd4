/** Submissions: a method's source queued to run on the server's seeds; its status, logs and released scores. */
import { z } from 'zod';
import { AUDIT_CHECKS } from '../audit/rules.js';
import { checkScoreQuota } from '../db/scores.js';
import { getChallengeById } from '../db/challenges.js';
import { jobOf } from '../db/jobs.js';
import { getSnapshot, putSnapshot } from '../db/snapshots.js';
import { computeHoursUsed, enqueueSubmission, finalsUsed, getSubmission, listSubmissions } from '../db/submissions.js';
import { getResearcher } from '../db/tokens.js';
import { badRequest, HttpError, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { finalScoresOf, releasedOf, rowAudit } from '../leaderboard.js';
import { challengeOr404, positiveIntParam } from './lookup.js';

export const submissionBody = z.object({
  method: z.string().min(1).describe('the method file source (TypeScript, default export a method; see src/methods/TEMPLATE.ts)'),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).default({}),
  seeds: z.number().int().min(1).describe('run on seeds 0..seeds-1 (at most the challenge\'s seeds)'),
  final: z.boolean().default(false).describe('also score on the final part (a few per researcher; shown after reveal)'),
  parent: z.string().regex(/^[0-9a-f]{64}$/).optional().describe('the snapshot this method grew from'),
});

export const auditSchema = z.object({
  status: z.enum(['unaudited', 'pending', 'passed', 'flagged']).describe('flagged if any check flagged, pending while a check runs, unaudited when the audit rule did not pick the row'),
  checks: z.array(z.object({
    check: z.enum(AUDIT_CHECKS),
    status: z.enum(['pending', 'passed', 'flagged', 'n/a']),
    reason: z.string().describe('one line, no figures'),
    figures: z.record(z.string(), z.number()).nullable().describe('the numbers behind the verdict; null until the challenge is revealed'),
  })),
});

const intervalSchema = z.object({ estimate: z.number().nullable(), low: z.number().nullable(), high: z.number().nullable() });

export const submissionSchema = z.object({
  id: z.number().int(),
  challenge: z.string(),
  researcher: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  attempts: z.number().int(),
  snapshot_id: z.string(),
  parent_id: z.string().nullable(),
  params: z.record(z.string(), z.unknown()),
  seeds: z.number().int(),
  final: z.boolean(),
  logs: z.string().nullable().describe('only for the submission\'s owner'),
  error: z.string().nullable(),
  released: z.object({ accuracy: z.number(), pgr: z.number().nullable() }).nullable(),
  final_scores: z.object({ accuracy: z.number().nullable(), pgr: intervalSchema, vs_vanilla: intervalSchema.extend({ p_value: z.number().nullable() }) }).nullable(),
  audit: auditSchema.describe('the server\'s audits (teacher-bypass, prior-only, reseed, transfer) of this submission; see docs/server.md'),
  created_at: z.string(),
  finished_at: z.string().nullable(),
});

export const createRoute = defineRoute({
  method: 'post',
  path: '/api/v1/challenges/:name/submissions',
  summary: 'Queue a method to run on the challenge\'s seeds; the server scores it itself',
  auth: true,
  body: submissionBody,
  response: submissionSchema,
  status: 202,
  handler: async ({ deps, researcher, params, body }) => {
    const { sdb } = deps;
    const c = challengeOr404(sdb, params.name);
    if (c.status === 'closed') throw new HttpError(409, `challenge ${c.name} is closed; it takes no more submissions`);
    if (body.seeds > c.seeds) throw badRequest(`seeds is ${body.seeds}; challenge ${c.name} has baselines for ${c.seeds} seeds, so ask for at most ${c.seeds}`);
    if (body.final && finalsUsed(sdb, researcher.id, c.id) >= c.config.maxFinals) {
      throw new HttpError(403, `${researcher.name} has used the ${c.config.maxFinals} final submissions of ${c.name}`);
    }
    const used = computeHoursUsed(sdb, researcher.id);
    if (used >= researcher.computeHours) throw new HttpError(403, `${researcher.name} has used its compute budget (${used.toFixed(2)} of ${researcher.computeHours} hours)`);
    const snap = putSnapshot(sdb, body.method, researcher.id, body.parent);
    const sub = enqueueSubmission(sdb, { researcherId: researcher.id, challengeId: c.id, snapshotId: snap.id, params: body.params, seeds: body.seeds, final: body.final }, 2, () =>
      checkScoreQuota(sdb, researcher, deps.now()),
    );
    await deps.queue?.dispatch(sub.id);
    return submissionView(deps.sdb, sub.id, researcher.id);
  },
});

export function submissionView(sdb: Parameters<typeof getSubmission>[0], id: number, viewerId: number): z.infer<typeof submissionSchema> {
  const s = getSubmission(sdb, id);
  if (!s) throw notFound(`no submission ${id}`);
  const c = getChallengeById(sdb, s.challengeId)!;
  const snap = getSnapshot(sdb, s.snapshotId)!;
  return {
    id: s.id, challenge: c.name, researcher: getResearcher(sdb, s.researcherId)!.name, status: s.status, attempts: jobOf(sdb, s.id)?.attempts ?? 0,
    snapshot_id: s.snapshotId, parent_id: snap.parentId, params: s.params, seeds: s.seeds, final: s.final,
    logs: s.researcherId === viewerId ? s.logs : null, error: s.error,
    released: releasedOf(sdb, c, s), final_scores: finalScoresOf(sdb, c, s), audit: rowAudit(sdb, c, s.id), created_at: s.createdAt, finished_at: s.finishedAt,
  };
}

export const getRoute = defineRoute({
  method: 'get',
  path: '/api/v1/submissions/:id',
  summary: 'A submission: status, attempts, logs (owner only), released dev score, final scores after reveal',
  auth: true,
  response: submissionSchema,
  handler: ({ deps, researcher, params }) => submissionView(deps.sdb, positiveIntParam(params.id, 'a submission id'), researcher.id),
});

export const snapshotRoute = defineRoute({
  method: 'get',
  path: '/api/v1/snapshots/:id',
  summary: 'A code snapshot: the method source behind a leaderboard row, and its parent',
  auth: true,
  response: z.object({ id: z.string(), parent_id: z.string().nullable(), source: z.string(), created_at: z.string() }),
  handler: ({ deps, params }) => {
    const s = getSnapshot(deps.sdb, params.id);
    if (!s) throw notFound(`no snapshot ${params.id}`);
    return { id: s.id, parent_id: s.parentId, source: s.source, created_at: s.createdAt };
  },
});

export const mineRoute = defineRoute({
  method: 'get',
  path: '/api/v1/submissions',
  summary: 'Your own submissions, newest first, with status and logs: ?challenge=NAME narrows them to one challenge',
  auth: true,
  response: z.object({ submissions: z.array(submissionSchema) }),
  handler: ({ deps, researcher, query }) => {
    const c = query.challenge === undefined ? undefined : challengeOr404(deps.sdb, query.challenge);
    const mine = listSubmissions(deps.sdb, { challengeId: c?.id }).filter((s) => s.researcherId === researcher.id).reverse();
    return { submissions: mine.map((s) => submissionView(deps.sdb, s.id, researcher.id)) };
  },
});

export const submissionRoutes = [createRoute, mineRoute, getRoute, snapshotRoute];
