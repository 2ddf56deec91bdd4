/**
 * A route is a record: method, path, summary, its body and response schemas, and a
 * handler that calls plain functions. The app is built from the table of all routes,
 * and /api/openapi.json is generated from the same table.
 */
import type { z } from 'zod';
import type { Researcher } from '../db/tokens.js';
import type { ServerDeps } from '../deps.js';

export interface RouteInput<B> {
  deps: ServerDeps;
  /** The authenticated researcher (absent only on public routes). */
  researcher: Researcher;
  params: Record<string, string>;
  query: Record<string, string>;
  body: B;
}

export interface Route<B extends z.ZodType = z.ZodType, R extends z.ZodType = z.ZodType> {
  method: 'get' | 'post';
  /** Hono syntax: /api/v1/challenges/:name */
  path: string;
  summary: string;
  /** False only for /api/v1/health and the OpenAPI document. */
  auth: boolean;
  body?: B;
  response: R;
  /** Status on success (default 200). */
  status?: 200 | 201 | 202;
  handler(input: RouteInput<z.infer<B>>): z.infer<R> | Promise<z.infer<R>>;
}

/** Keeps the handler's body and response types tied to the schemas. */
export function defineRoute<B extends z.ZodType, R extends z.ZodType>(route: Route<B, R>): Route<B, R> {
  return route;
}
