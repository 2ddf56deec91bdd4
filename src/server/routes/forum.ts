/** The forum's routes: post and search findings, comment, vote. A "result" links a finished submission of ≥ 5 seeds. */
import { z } from 'zod';
import { getChallenge, getChallengeById } from '../db/challenges.js';
import { addComment, addFinding, commentsOf, getFinding, searchFindings, vote, type Finding } from '../db/forum.js';
import type { ServerDb } from '../db/schema.js';
import { getSubmission } from '../db/submissions.js';
import { badRequest, notFound } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { positiveIntParam } from './lookup.js';
import { submissionSchema, submissionView } from './submissions.js';

export const RESULT_MIN_SEEDS = 5;

export const findingBody = z.object({
  type: z.enum(['result', 'hypothesis', 'negative']),
  title: z.string().min(1).max(200),
  body: z.string().min(1).max(20_000),
  submission_id: z.number().int().positive().optional(),
  challenge: z.string().optional(),
});

const findingSchema = z.object({
  id: z.number().int(),
  researcher: z.string(),
  type: z.enum(['result', 'hypothesis', 'negative']),
  title: z.string(),
  body: z.string(),
  challenge: z.string().nullable(),
  submission_id: z.number().int().nullable(),
  votes: z.number().int(),
  comments: z.number().int(),
  created_at: z.string(),
});

const findingView = (sdb: ServerDb, f: Finding): z.infer<typeof findingSchema> => ({
  id: f.id, researcher: f.researcher, type: f.type, title: f.title, body: f.body,
  challenge: f.challengeId === null ? null : getChallengeById(sdb, f.challengeId)!.name, submission_id: f.submissionId,
  votes: f.votes, comments: f.comments, created_at: f.createdAt,
});

function findingOr404(sdb: ServerDb, id: string): Finding {
  const f = getFinding(sdb, positiveIntParam(id, 'a finding id'));
  if (!f) throw notFound(`no finding ${id}`);
  return f;
}

export const postFinding = defineRoute({
  method: 'post',
  path: '/api/v1/findings',
  summary: 'Post a finding; a "result" must link a finished submission run on at least 5 seeds',
  auth: true,
  body: findingBody,
  response: findingSchema,
  status: 201,
  handler: ({ deps, researcher, body }) => {
    const { sdb } = deps;
    let challengeId: number | null = null;
    if (body.challenge !== undefined) {
      const c = getChallenge(sdb, body.challenge);
      if (!c) throw badRequest(`no challenge named "${body.challenge}"`);
      challengeId = c.id;
    }
    if (body.submission_id !== undefined) {
      const s = getSubmission(sdb, body.submission_id);
      if (!s) throw badRequest(`no submission ${body.submission_id}`);
      if (challengeId !== null && s.challengeId !== challengeId) throw badRequest(`submission ${s.id} is not on challenge ${body.challenge}`);
      challengeId = s.challengeId;
      if (body.type === 'result' && (s.status !== 'done' || s.seeds < RESULT_MIN_SEEDS)) {
        throw badRequest(`a result needs a finished submission on at least ${RESULT_MIN_SEEDS} seeds; submission ${s.id} is ${s.status} on ${s.seeds} seed(s) (post it as a hypothesis, or resubmit with seeds: ${RESULT_MIN_SEEDS})`);
      }
    } else if (body.type === 'result') {
      throw badRequest(`a result must link its evidence: give submission_id of a finished submission on at least ${RESULT_MIN_SEEDS} seeds`);
    }
    return findingView(sdb, addFinding(sdb, { researcherId: researcher.id, challengeId, submissionId: body.submission_id ?? null, type: body.type, title: body.title, body: body.body }));
  },
});

export const listFindings = defineRoute({
  method: 'get',
  path: '/api/v1/findings',
  summary: 'Search findings: ?q=words&challenge=NAME&type=result|hypothesis|negative',
  auth: true,
  response: z.object({ findings: z.array(findingSchema) }),
  handler: ({ deps, query }) => {
    const type = query.type === undefined ? undefined : z.enum(['result', 'hypothesis', 'negative']).safeParse(query.type);
    if (type && !type.success) throw badRequest(`type must be result, hypothesis or negative, got "${query.type}"`);
    const c = query.challenge === undefined ? undefined : getChallenge(deps.sdb, query.challenge);
    if (query.challenge !== undefined && !c) throw badRequest(`no challenge named "${query.challenge}"`);
    return { findings: searchFindings(deps.sdb, { q: query.q, challengeId: c?.id, type: type?.data }).map((f) => findingView(deps.sdb, f)) };
  },
});

export const getFindingRoute = defineRoute({
  method: 'get',
  path: '/api/v1/findings/:id',
  summary: 'A finding with its comments and the linked submission\'s released metrics',
  auth: true,
  response: findingSchema.extend({
    comment_list: z.array(z.object({ id: z.number().int(), researcher: z.string(), body: z.string(), created_at: z.string() })),
    submission: submissionSchema.nullable(),
  }),
  handler: ({ deps, researcher, params }) => {
    const f = findingOr404(deps.sdb, params.id);
    return {
      ...findingView(deps.sdb, f),
      comment_list: commentsOf(deps.sdb, f.id).map((c) => ({ id: c.id, researcher: c.researcher, body: c.body, created_at: c.createdAt })),
      submission: f.submissionId === null ? null : submissionView(deps.sdb, f.submissionId, researcher.id),
    };
  },
});

export const commentRoute = defineRoute({
  method: 'post',
  path: '/api/v1/findings/:id/comments',
  summary: 'Comment on a finding',
  auth: true,
  body: z.object({ body: z.string().min(1).max(20_000) }),
  response: z.object({ id: z.number().int(), researcher: z.string(), body: z.string(), created_at: z.string() }),
  status: 201,
  handler: ({ deps, researcher, params, body }) => {
    const c = addComment(deps.sdb, findingOr404(deps.sdb, params.id).id, researcher.id, body.body);
    return { id: c.id, researcher: c.researcher, body: c.body, created_at: c.createdAt };
  },
});

export const voteRoute = defineRoute({
  method: 'post',
  path: '/api/v1/findings/:id/votes',
  summary: 'Vote on a finding (+1 or -1; a new vote replaces yours)',
  auth: true,
  body: z.object({ value: z.union([z.literal(1), z.literal(-1)]) }),
  response: z.object({ votes: z.number().int() }),
  handler: ({ deps, researcher, params, body }) => ({ votes: vote(deps.sdb, findingOr404(deps.sdb, params.id).id, researcher.id, body.value) }),
});

export const forumRoutes = [postFinding, listFindings, getFindingRoute, commentRoute, voteRoute];
