import { z } from 'zod';
import { defineRoute } from '../http/route.js';
import { leaderboard, topOf } from '../leaderboard.js';
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
  audit: submissionSchema.shape.audit,
  top: z.boolean().describe('the challenge\'s top: the best-ranked row whose audit passed'),
});

export const leaderboardRoute = defineRoute({
  method: 'get',
  path: '/api/v1/challenges/:name/leaderboard',
  summary: 'Rows recomputed from stored predictions: released dev scores; after reveal, final PGR with intervals and the paired difference to vanilla; each row\'s audit, and the top (the best row that passed its audit)',
  auth: true,
  response: z.object({
    challenge: z.string(),
    revealed: z.boolean(),
    top: z.number().int().nullable().describe('submission id of the best-ranked row whose audit passed; null while none has'),
    rows: z.array(leaderboardRowSchema),
  }),
  handler: ({ deps, params }) => {
    const c = challengeOr404(deps.sdb, params.name);
    const rows = leaderboard(deps.sdb, c);
    const top = topOf(rows);
    return { challenge: c.name, revealed: c.revealed, top, rows: rows.map((r) => ({ ...r, top: r.submission_id === top })) };
  },
});

export const leaderboardRoutes = [leaderboardRoute];
