import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { postJson, ProviderError, retryAfterMs, type Exchange } from './http.js';

describe('retryAfterMs', () => {
  it('reads retry-after-ms, retry-after in seconds and as an HTTP date', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }))).toBe(250);
    expect(retryAfterMs(new Headers({ 'retry-after': '3' }))).toBe(3000);
    const now = Date.parse('2026-12-01T12:00:00Z');
    expect(retryAfterMs(new Headers({ 'retry-after': 'Tue, 01 Dec 2026 12:00:05 GMT' }), now)).toBe(5000);
    expect(retryAfterMs(new Headers({}))).toBeUndefined();
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }))).toBeUndefined();
  });
});

describe('postJson', () => {
  let close: (() => void) | undefined;
  afterEach(() => close?.());

  async function serve(statuses: number[], hang = false): Promise<string> {
    let i = 0;
    const server = createServer((req, res) => {
      req.resume();
      if (hang) return; // never answers
      const status = statuses[Math.min(i++, statuses.length - 1)];
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ status }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    close = () => { server.closeAllConnections(); server.close(); };
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}/x`;
  }

  it('backs off exponentially and gives up after its retries with the last status', async () => {
    const url = await serve([502]);
    const seen: Exchange[] = [];
    const t0 = Date.now();
    const err = await postJson(url, {}, { a: 1 }, { timeoutMs: 1000, retries: 2, retryBaseMs: 40, onExchange: (e) => seen.push(e) }).then(() => { throw new Error("it should fail"); }, (e: ProviderError) => e);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(40 + 80 - 5);
    expect(err.status).toBe(502);
    expect(err.message).toMatch(/answered 502: .*\(gave up after 3 attempts\)/);
    expect(seen.map((e) => [e.attempt, e.status])).toEqual([[0, 502], [1, 502], [2, 502]]);
    expect(seen[0].request).toEqual({ a: 1 });
  });

  it('times out a request that never answers, and retries it', async () => {
    const url = await serve([], true);
    const seen: Exchange[] = [];
    const err = await postJson(url, {}, {}, { timeoutMs: 100, retries: 1, retryBaseMs: 1, onExchange: (e) => seen.push(e) }).then(() => { throw new Error("it should fail"); }, (e: ProviderError) => e);
    expect(err.message).toMatch(/did not answer within 100 ms \(gave up after 2 attempts\)/);
    expect(seen.map((e) => e.status)).toEqual([null, null]);
  });

  it('stops waiting when its signal is aborted', async () => {
    const url = await serve([], true);
    const ac = new AbortController();
    setTimeout(() => ac.abort(new Error('stopped by the run')), 50);
    await expect(postJson(url, {}, {}, { timeoutMs: 10_000, retries: 3, retryBaseMs: 1, signal: ac.signal })).rejects.toThrow('stopped by the run');
  });
});
