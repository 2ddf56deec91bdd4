import { z } from 'zod';
import { scoreQuota } from '../db/scores.js';
import { computeHoursUsed } from '../db/submissions.js';
import { defineRoute } from '../http/route.js';

export const meRoute = defineRoute({
  method: 'get',
  path: '/api/v1/me',
  summary: 'The researcher behind the token, with quota and compute used',
  auth: true,
  response: z.object({
    name: z.string(), scores_per_hour: z.number().int(), scores_used_this_hour: z.number().int(), compute_hours: z.number(), compute_hours_used: z.number(),
  }),
  handler: ({ deps, researcher: r }) => ({
    name: r.name, scores_per_hour: r.scoresPerHour, scores_used_this_hour: scoreQuota(deps.sdb, r, deps.now()).used,
    compute_hours: r.computeHours, compute_hours_used: Number(computeHoursUsed(deps.sdb, r.id).toFixed(4)),
  }),
});
