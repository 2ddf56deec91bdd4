import { z } from 'zod';
import { defineRoute } from '../http/route.js';

export const health = defineRoute({
  method: 'get',
  path: '/api/v1/health',
  summary: 'Liveness; the only route that needs no token',
  auth: false,
  response: z.object({ ok: z.literal(true) }),
  handler: () => ({ ok: true as const }),
});

export const healthRoutes = [health];
