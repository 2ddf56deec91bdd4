/**
 * Requests per minute per researcher, a sliding window kept in memory (it guards the
 * process; score quotas, which must survive restarts, are counted in the store).
 */
import type { MiddlewareHandler } from 'hono';
import { HttpError } from '../http/errors.js';
import type { AuthVariables } from './auth.js';

export function rateLimit(requestsPerMinute: number, now: () => number = Date.now): MiddlewareHandler<{ Variables: AuthVariables }> {
  const windows = new Map<number, number[]>();
  return async (c, next) => {
    const id = c.get('researcher').id;
    const t = now();
    const recent = (windows.get(id) ?? []).filter((x) => x > t - 60_000);
    if (recent.length >= requestsPerMinute) {
      const retry = Math.max(1, Math.ceil((recent[0] + 60_000 - t) / 1000));
      windows.set(id, recent);
      throw new HttpError(429, `more than ${requestsPerMinute} requests in a minute; retry in ${retry} s`, { 'Retry-After': String(retry) });
    }
    recent.push(t);
    windows.set(id, recent);
    await next();
  };
}
