/**
 * The HTTP boundary: auth on every route, revoked and wrong tokens, rate limits, body
 * limits, malformed JSON, wrong prediction vectors, and that nothing served holds a label.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from './app.js';
import { defaultEta, roundToStep } from './holdout/ladder.js';
import { labelsOf, getChallenge } from './db/challenges.js';
import { openServerDb } from './db/schema.js';
import { createToken, revokeToken } from './db/tokens.js';
import { startServer, type RunningServer } from './serve.js';
import { challengeHome, type Fixture } from './testing.js';

let fx: Fixture;
let server: RunningServer;
const call = (path: string, init: RequestInit & { token?: string } = {}) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}), ...init.headers },
  });

beforeAll(async () => {
  fx = await challengeHome({ researchers: { alice: { scoresPerHour: 5 }, bob: {}, carol: {} } });
  server = await startServer({ home: fx.home, limits: { bodyBytes: 4096, requestsPerMinute: 40 } });
});
afterAll(async () => server?.close());

const concrete = (path: string) => path.replace(':name', 'toy').replace(':id', '1');

describe('authentication', () => {
  it('refuses every route but health without a token, with a wrong token and with a revoked one', async () => {
    const sdb = openServerDb(fx.home);
    const revoked = createToken(sdb, 'mallory').token;
    revokeToken(sdb, 'mallory');
    sdb.close();
    const wrong = fx.tokens.bob.slice(0, -4) + 'AAAA';
    const open = ROUTES.filter((r) => !r.auth).map((r) => r.path);
    expect(open).toEqual(['/api/v1/health']);
    for (const r of ROUTES.filter((r) => r.auth)) {
      for (const [token, message] of [[undefined, /missing Authorization/], [wrong, /unknown token/], [revoked, /revoked/], ['nonsense', /malformed token/]] as const) {
        const res = await call(concrete(r.path), { method: r.method.toUpperCase(), token, body: r.body ? '{}' : undefined });
        expect(res.status, `${r.method} ${r.path} with ${token ?? 'no token'}`).toBe(401);
        expect((await res.json()).error).toMatch(message);
      }
    }
    expect((await call('/api/v1/health')).status).toBe(200);
  });
});

describe('scoring without leaking', () => {
  it('serves dev inputs with opaque ids and no labels anywhere', async () => {
    const res = await call('/api/v1/challenges/toy/dev', { token: fx.tokens.bob });
    expect(res.status).toBe(200);
    const dev = await res.json();
    expect(dev.ids.length).toBeGreaterThan(50);
    expect(dev.features[0]).toHaveLength(16);
    for (const id of dev.ids) expect(id).toMatch(/^[0-9a-f]{20}$/);
    expect(JSON.stringify(dev)).not.toMatch(/"label"|"r\d+"/);
    const info = await (await call('/api/v1/challenges/toy', { token: fx.tokens.bob })).json();
    expect(info.dev_size).toBe(dev.ids.length);
    expect(info.holdout).toMatchObject({ mechanism: 'ladder', eta: defaultEta(dev.ids.length) });
    expect(JSON.stringify(info)).not.toMatch(/label/);
  });

  it('releases a score only through the Ladder: rounded to η, and the best again when not improved', async () => {
    const sdb = openServerDb(fx.home);
    const labels = Array.from(labelsOf(sdb, getChallenge(sdb, 'toy')!, 0, 'dev'));
    sdb.close();
    const score = async (predictions: number[]) => (await call('/api/v1/challenges/toy/predictions', { method: 'POST', token: fx.tokens.carol, body: JSON.stringify({ predictions }) })).json();
    const eta = defaultEta(labels.length);
    const perfect = await score(labels);
    expect(perfect).toMatchObject({ accuracy: Math.min(1, roundToStep(1, eta)), improved: true, mechanism: 'ladder', eta });
    expect(perfect.accuracy).toBeGreaterThanOrEqual(1 - eta / 2);
    const oneWrong = labels.map((l, i) => (i === 0 ? 1 - l : l));
    const flipped = await score(oneWrong);
    expect(flipped).toMatchObject({ accuracy: perfect.accuracy, improved: false }); // the flip is invisible
    const mostlyWrong = labels.map((l, i) => (i % 3 === 0 ? l : 1 - l));
    expect((await score(mostlyWrong)).accuracy).toBe(perfect.accuracy);
  });

  it('rejects a wrong-length vector and bad class indices with a 400 that says what to send', async () => {
    const dev = await (await call('/api/v1/challenges/toy/dev', { token: fx.tokens.bob })).json();
    const post = (body: string) => call('/api/v1/challenges/toy/predictions', { method: 'POST', token: fx.tokens.bob, body });
    let res = await post(JSON.stringify({ predictions: [0, 1] }));
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(new RegExp(`2 entries; the dev split has ${dev.ids.length} ids`));
    const bad = dev.ids.map(() => 0);
    bad[7] = 2;
    res = await post(JSON.stringify({ predictions: bad }));
    expect((await res.json()).error).toMatch(/predictions\[7\] is 2; a class index is an integer in 0..1/);
    bad[7] = 0.5;
    expect((await (await post(JSON.stringify({ predictions: bad }))).json()).error).toMatch(/predictions\[7\] is 0.5/);
    res = await post(JSON.stringify({ predictions: ['a'] }));
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/invalid body: predictions\[0\]: .*number/);
  });

  it('answers malformed JSON with a readable 400 and an oversized body with 413', async () => {
    let res = await call('/api/v1/challenges/toy/predictions', { method: 'POST', token: fx.tokens.bob, body: '{"predictions": [0, 1' });
    expect(res.status).toBe(400);
    expect((await res.json()).error).toMatch(/the body is not valid JSON/);
    res = await call('/api/v1/challenges/toy/predictions', { method: 'POST', token: fx.tokens.bob, body: JSON.stringify({ predictions: new Array(5000).fill(0) }) });
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatch(/larger than 4096 bytes/);
  });

  it('limits scores per hour per token with 429 and Retry-After, leaving other tokens alone', async () => {
    const dev = await (await call('/api/v1/challenges/toy/dev', { token: fx.tokens.alice })).json();
    const body = JSON.stringify({ predictions: dev.ids.map(() => 0) });
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 7; i++) {
      last = await call('/api/v1/challenges/toy/predictions', { method: 'POST', token: fx.tokens.alice, body });
      statuses.push(last.status);
    }
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(3000);
    expect((await last!.json()).error).toMatch(/alice has used 5 scores in the last hour/);
    expect((await call('/api/v1/challenges/toy/predictions', { method: 'POST', token: fx.tokens.bob, body })).status).toBe(200);
  });

  it('limits requests per minute per token', async () => {
    const sdb = openServerDb(fx.home);
    const t = createToken(sdb, 'dave').token;
    sdb.close();
    const codes: number[] = [];
    for (let i = 0; i < 42; i++) codes.push((await call('/api/v1/challenges', { token: t })).status);
    expect(codes.slice(0, 40).every((c) => c === 200)).toBe(true);
    expect(codes.slice(40)).toEqual([429, 429]);
  });
});

describe('OpenAPI', () => {
  it('documents every route with its body schema', async () => {
    const doc = await (await call('/api/openapi.json', { token: fx.tokens.carol })).json();
    for (const r of ROUTES) {
      const op = doc.paths[r.path.replace(/:([a-z_]+)/g, '{$1}')]?.[r.method];
      expect(op, `${r.method} ${r.path}`).toBeDefined();
      if (r.body) expect(op.requestBody.content['application/json'].schema.type).toBe('object');
    }
    expect(doc.paths['/api/v1/challenges/{name}/predictions'].post.requestBody.content['application/json'].schema.properties.predictions.type).toBe('array');
  });
});
