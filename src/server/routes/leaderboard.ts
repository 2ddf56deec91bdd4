import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { leaderboard } from '../leaderboard.js';
import { challengeOr404 } from './lookup.js';
import { submissionSchema } from './submissions.js';

export const leaderboardRowSchema = z.object({
  submission_id: z.number().int(),
  researcher: z.string(),
  snapshot_id: z.string(),
  parent_id: z.string().nullable(),
  params: z.record(z.string(), z.unknown()),
  seeds: z.number().int(),
  final: z.boolean(),
  released: submissionSchema.shape.released,
  final_scores: submissionSchema.shape.final_scores,
});

export const leaderboardRoute = defineRoute({
  method: 'get',
  path: '/api/v1/challenges/:name/leaderboard',
  summary: 'Rows recomputed from stored predictions: released dev scores; after reveal, final PGR with intervals and the paired difference to vanilla',
  auth: true,
  response: z.object({ challenge: z.string(), revealed: z.boolean(), rows: z.array(leaderboardRowSchema) }),
  handler: ({ deps, params }) => {
    const c = challengeOr404(deps.sdb, params.name);
    return { challenge: c.name, revealed: c.revealed, rows: leaderboard(deps.sdb, c) };
  },
});

export const leaderboardRoutes = [leaderboardRoute];
