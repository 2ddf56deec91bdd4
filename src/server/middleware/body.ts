/** A JSON body read and validated at the boundary, with messages that say what was wrong. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { badRequest, describeIssues } from '../http/errors.js';

export async function jsonBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('application/json')) throw badRequest(`send the body as JSON with Content-Type: application/json (got "${type || 'none'}")`);
  const text = await c.req.text();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw badRequest(`the body is not valid JSON: ${(e as Error).message}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest(describeIssues(parsed.error, 'body'));
  return parsed.data;
}
