/** Bearer-token authentication: the researcher behind `Authorization: Bearer w2s_…`, or a 401. */
import type { MiddlewareHandler } from 'hono';
import { verifyToken, type Researcher } from '../db/tokens.js';
import type { ServerDb } from '../db/schema.js';
import { HttpError } from '../http/errors.js';

export type AuthVariables = { researcher: Researcher };

const challenge = { 'WWW-Authenticate': 'Bearer realm="w2s"' };

export function auth(sdb: ServerDb): MiddlewareHandler<{ Variables: AuthVariables }> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) throw new HttpError(401, 'missing Authorization header; send "Authorization: Bearer <token>" (tokens come from `w2s admin token create`)', challenge);
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    if (!m) throw new HttpError(401, 'the Authorization header must be "Bearer <token>"', challenge);
    const who = verifyToken(sdb, m[1]);
    if ('error' in who) throw new HttpError(401, who.error, challenge);
    c.set('researcher', who);
    await next();
  };
}
