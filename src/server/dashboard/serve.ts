/**
 * The dashboard at `/`: a static page and small ES modules (this folder's .html, .css and
 * .js files, read once at start). The page holds no data and needs no token to load; in
 * the browser it calls the public JSON API with the researcher's token, so it sees exactly
 * what any client sees and never a label. A strict Content-Security-Policy allows only
 * this server's own scripts, so even text that slipped past escaping could not run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Hono } from 'hono';

const DIR = fileURLToPath(new URL('.', import.meta.url));
const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

export const DASHBOARD_CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** Every asset by its URL path under /dashboard/ (views/forum.js…), with its content type. */
export function dashboardAssets(dir = DIR): Map<string, { type: string; body: string }> {
  const out = new Map<string, { type: string; body: string }>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const type = TYPES[extname(entry.name)];
    if (!entry.isFile() || !type) continue;
    const file = join(entry.parentPath, entry.name);
    out.set(relative(dir, file).split(sep).join('/'), { type, body: readFileSync(file, 'utf8') });
  }
  return out;
}

export function mountDashboard(app: Hono<any>, assets = dashboardAssets()): void {
  const send = (path: string) => {
    const a = assets.get(path);
    if (!a) return undefined;
    return new Response(a.body, { headers: { 'content-type': a.type, 'content-security-policy': DASHBOARD_CSP, 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' } });
  };
  app.get('/', () => send('index.html')!);
  app.get('/dashboard/*', (c, next) => send(c.req.path.slice('/dashboard/'.length)) ?? next());
}
