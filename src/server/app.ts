/**
 * The Hono app: the route table, each route behind body limits, auth and the per-token
 * request limit, its body validated by its schema. Handlers return plain data.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import type { ServerDeps } from './deps.js';
import { HttpError, onError } from './http/errors.js';
import type { Route } from './http/route.js';
import { auth, type AuthVariables } from './middleware/auth.js';
import { jsonBody } from './middleware/body.js';
import { rateLimit } from './middleware/rate-limit.js';
import { openApiDocument } from './openapi.js';
import { challengeRoutes } from './routes/challenges.js';
import { forumRoutes } from './routes/forum.js';
import { healthRoutes } from './routes/health.js';
import { leaderboardRoutes } from './routes/leaderboard.js';
import { meRoute } from './routes/me.js';
import { reportRoutes } from './routes/report.js';
import { submissionRoutes } from './routes/submissions.js';
import { mountDashboard } from './dashboard/serve.js';

const openApiRoute: Route = {
  method: 'get',
  path: '/api/openapi.json',
  summary: 'This document',
  auth: true,
  response: z.record(z.string(), z.unknown()),
  handler: () => openApiDocument(ROUTES),
};

/** Every route the server answers; tests loop over it, /api/openapi.json documents it. */
export const ROUTES: readonly Route[] = [
  ...healthRoutes, meRoute, ...challengeRoutes, ...submissionRoutes, ...reportRoutes, ...leaderboardRoutes, ...forumRoutes, openApiRoute,
] as Route[];

export function createApp(deps: ServerDeps): Hono<{ Variables: AuthVariables }> {
  const app = new Hono<{ Variables: AuthVariables }>();
  app.onError(onError);
  app.notFound((c) => c.json({ error: `no route ${c.req.method} ${c.req.path} (GET /api/openapi.json lists them)` }, 404));
  const limit = bodyLimit({
    maxSize: deps.limits.bodyBytes,
    onError: () => {
      throw new HttpError(413, `the body is larger than ${deps.limits.bodyBytes} bytes`);
    },
  });
  const authenticate = auth(deps.sdb);
  const throttle = rateLimit(deps.limits.requestsPerMinute, deps.now);
  for (const route of ROUTES) {
    const handle = async (c: Context<{ Variables: AuthVariables }>) => {
      const body = route.body ? await jsonBody(c, route.body) : undefined;
      const out = await route.handler({ deps, researcher: c.get('researcher'), params: c.req.param() as Record<string, string>, query: c.req.query(), body });
      return c.json(out as object, route.status ?? 200);
    };
    if (route.auth) app.on(route.method.toUpperCase(), route.path, limit, authenticate, throttle, handle);
    else app.on(route.method.toUpperCase(), route.path, limit, handle);
  }
  mountDashboard(app);
  return app;
}
