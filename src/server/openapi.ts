/** The OpenAPI 3.1 document, generated from the route table's zod schemas (z.toJSONSchema). */
import { z } from 'zod';
import type { Route } from './http/route.js';

const errorSchema = { type: 'object', properties: { error: { type: 'string' } }, required: ['error'] };

export function openApiDocument(routes: readonly Route[]): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = r.path.replace(/:([A-Za-z_]+)/g, '{$1}');
    const params = [...r.path.matchAll(/:([A-Za-z_]+)/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
    const errors: Record<string, unknown> = { 400: { description: 'invalid request (malformed JSON, schema errors)', content: { 'application/json': { schema: errorSchema } } } };
    if (r.auth) {
      errors[401] = { description: 'missing, unknown or revoked token', content: { 'application/json': { schema: errorSchema } } };
      errors[429] = { description: 'rate limited; see Retry-After', content: { 'application/json': { schema: errorSchema } } };
    }
    if (r.body) errors[413] = { description: 'body too large', content: { 'application/json': { schema: errorSchema } } };
    paths[path] = {
      ...paths[path],
      [r.method]: {
        summary: r.summary,
        ...(params.length ? { parameters: params } : {}),
        ...(r.auth ? { security: [{ bearer: [] }] } : { security: [] }),
        ...(r.body ? { requestBody: { required: true, content: { 'application/json': { schema: z.toJSONSchema(r.body, { io: 'input' }) } } } } : {}),
        responses: { [r.status ?? 200]: { description: 'ok', content: { 'application/json': { schema: z.toJSONSchema(r.response, { unrepresentable: 'any' }) } } }, ...errors },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'w2s scoring server', version: '1', description: 'Challenges, a reusable holdout (the Ladder), submissions the server runs and scores itself, leaderboard, forum. See docs/server.md.' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    security: [{ bearer: [] }],
    paths,
  };
}
