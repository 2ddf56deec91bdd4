/** Challenges: what they are, their dev inputs (no labels), and scoring a prediction vector through the Ladder. */
import { basename } from 'node:path';
import { z } from 'zod';
import { pgr } from '../../metrics/index.js';
import { fixedBaselines } from '../challenge/baselines.js';
import { inputsOf, labelsOf, listChallenges, type Challenge } from '../db/challenges.js';
import { releaseScore, scoreQuota } from '../db/scores.js';
import type { ServerDb } from '../db/schema.js';
import type { Researcher } from '../db/tokens.js';
import { badRequest, HttpError } from '../http/errors.js';
import { defineRoute } from '../http/route.js';
import { ladderStart } from '../holdout/ladder.js';
import { accuracyOf, predictionProblem } from '../holdout/score.js';
import { challengeOr404, round } from './lookup.js';

const num = z.number().nullable();

export const challengeSchema = z.object({
  name: z.string(),
  kind: z.enum(['text', 'features']),
  classes: z.array(z.string()),
  data: z.string().describe('the built-in task, or the data file name'),
  weak: z.string(),
  strong: z.string(),
  seeds: z.number().int(),
  status: z.enum(['open', 'closed']),
  revealed: z.boolean(),
  dev_size: z.number().int(),
  final_size: z.number().int(),
  baselines: z.object({ weak: num, ceiling: num, vanilla: num, vanilla_pgr: num }).describe('fixed baselines on dev: means over seeds'),
  holdout: z.object({ mechanism: z.literal('ladder'), eta: z.number(), start: z.number() }),
  allowed: z.object({ max_seeds: z.number().int(), max_finals: z.number().int(), scores_per_hour: z.number().int() }),
});

export function challengeView(sdb: ServerDb, c: Challenge, r: Researcher): z.infer<typeof challengeSchema> {
  const b = fixedBaselines(sdb, c, 'dev');
  const size = (part: 'dev' | 'final') => labelsOf(sdb, c, c.config.scoringSeed, part).length;
  const rounded = { weak: round(b.weak), ceiling: round(b.ceiling) };
  return {
    name: c.name, kind: c.kind, classes: c.classes,
    data: c.config.source.task ?? basename(c.config.source.data ?? 'data'),
    weak: c.config.weak, strong: c.config.strong, seeds: c.seeds, status: c.status, revealed: c.revealed,
    dev_size: size('dev'), final_size: size('final'),
    baselines: { ...rounded, vanilla: round(b.vanilla), vanilla_pgr: round(pgr(rounded.weak!, rounded.ceiling!, round(b.vanilla)!)) },
    holdout: { mechanism: 'ladder', eta: c.config.eta, start: ladderStart(b.weak, c.config.eta) },
    allowed: { max_seeds: c.seeds, max_finals: c.config.maxFinals, scores_per_hour: r.scoresPerHour },
  };
}

export const listRoute = defineRoute({
  method: 'get',
  path: '/api/v1/challenges',
  summary: 'The challenges on this server',
  auth: true,
  response: z.object({ challenges: z.array(challengeSchema) }),
  handler: ({ deps, researcher }) => ({ challenges: listChallenges(deps.sdb).map((c) => challengeView(deps.sdb, c, researcher)) }),
});

export const getRoute = defineRoute({
  method: 'get',
  path: '/api/v1/challenges/:name',
  summary: 'One challenge: classes, models, fixed baselines, holdout parameters, what is allowed',
  auth: true,
  response: challengeSchema,
  handler: ({ deps, researcher, params }) => challengeView(deps.sdb, challengeOr404(deps.sdb, params.name), researcher),
});

export const devRoute = defineRoute({
  method: 'get',
  path: '/api/v1/challenges/:name/dev',
  summary: 'The dev inputs of the scoring seed: opaque ids and texts (or features), no labels',
  auth: true,
  response: z.object({ ids: z.array(z.string()), texts: z.array(z.string()).optional(), features: z.array(z.array(z.number())).optional(), classes: z.array(z.string()) }),
  handler: ({ deps, params }) => {
    const c = challengeOr404(deps.sdb, params.name);
    return { ...inputsOf(deps.sdb, c, c.config.scoringSeed, 'dev'), classes: c.classes };
  },
});

export const predictionsBody = z.object({
  predictions: z.array(z.number()).describe('one class index per dev id, in the order GET …/dev returns them'),
});

export const releaseSchema = z.object({
  accuracy: z.number().describe('dev accuracy as the Ladder releases it: a multiple of eta, or your best so far'),
  pgr: num.describe('PGR of the released accuracy against the fixed baselines'),
  improved: z.boolean().describe('true when this beat your best by more than eta'),
  best: z.number(),
  eta: z.number(),
  mechanism: z.literal('ladder'),
  scores_left_this_hour: z.number().int(),
});

export const predictionsRoute = defineRoute({
  method: 'post',
  path: '/api/v1/challenges/:name/predictions',
  summary: 'Score a prediction vector on dev through the reusable holdout (the Ladder); never exact counts',
  auth: true,
  body: predictionsBody,
  response: releaseSchema,
  handler: ({ deps, researcher, params, body }) => {
    const { sdb } = deps;
    const c = challengeOr404(sdb, params.name);
    if (c.status === 'closed') throw new HttpError(409, `challenge ${c.name} is closed; it scores nothing more`);
    const labels = labelsOf(sdb, c, c.config.scoringSeed, 'dev');
    const problem = predictionProblem(body.predictions, labels.length, c.classes.length);
    if (problem) throw badRequest(problem);
    const b = fixedBaselines(sdb, c, 'dev');
    const now = deps.now();
    const rel = releaseScore(sdb, { researcher, challenge: c, accuracy: accuracyOf(body.predictions, labels), weakDev: b.weak, source: 'predictions', now, quota: true });
    return {
      accuracy: rel.accuracy, pgr: round(pgr(round(b.weak)!, round(b.ceiling)!, rel.accuracy)), improved: rel.improved, best: rel.best,
      eta: c.config.eta, mechanism: 'ladder' as const, scores_left_this_hour: Math.max(0, researcher.scoresPerHour - scoreQuota(sdb, researcher, now).used),
    };
  },
});

export const challengeRoutes = [listRoute, getRoute, devRoute, predictionsRoute];
