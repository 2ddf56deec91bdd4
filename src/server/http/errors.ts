/** Errors a handler raises on purpose: a status, a message that says what to fix, optional headers. */
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const badRequest = (message: string) => new HttpError(400, message);
export const notFound = (message: string) => new HttpError(404, message);

/** zod issues as one readable line each: `predictions[3]: expected a number`. */
export function describeIssues(error: z.ZodError, where: string): string {
  const lines = error.issues.map((i) => {
    const path = i.path.reduce<string>((s, k) => (typeof k === 'number' ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)), '');
    return `${path || where}: ${i.message}`;
  });
  return `invalid ${where}: ${lines.slice(0, 5).join('; ')}${lines.length > 5 ? ` (and ${lines.length - 5} more)` : ''}`;
}

/** The app's error handler: HttpErrors as {error}, anything else as a 500 that is logged, never swallowed. */
export function onError(err: Error, c: Context): Response {
  if (err instanceof HttpError) {
    for (const [k, v] of Object.entries(err.headers)) c.header(k, v);
    return c.json({ error: err.message }, err.status);
  }
  console.error(`w2s serve: ${c.req.method} ${c.req.path} failed:`, err);
  return c.json({ error: `internal error: ${err.message}` }, 500);
}
