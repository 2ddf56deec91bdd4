/** `--redis URL` at the boundary: a bad URL and an unreachable Redis are errors that say what to do, not hangs. */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { checkRedisUrl, connectRedis } from './redis.js';

describe('--redis', () => {
  it('takes redis:// and rediss:// URLs and refuses anything else, saying what to give', () => {
    expect(checkRedisUrl('redis://127.0.0.1:6379/2')).toBe('redis://127.0.0.1:6379/2');
    expect(checkRedisUrl('rediss://queue.lan:6380')).toBe('rediss://queue.lan:6380');
    expect(() => checkRedisUrl('127.0.0.1:6379')).toThrow(/is not a URL; give redis:\/\/HOST:PORT/);
    expect(() => checkRedisUrl('tcp://127.0.0.1:6379')).toThrow(/uses tcp:; give a redis:\/\/ or rediss:\/\/ URL/);
    expect(() => checkRedisUrl('localhost')).toThrow(/is not a URL; give redis:\/\/HOST:PORT/);
    expect(() => checkRedisUrl('http://127.0.0.1:6379')).toThrow(/uses http:/);
  });

  it('fails fast when nothing answers at the URL', async () => {
    // A port that was just free: nothing listens there.
    const port = await new Promise<number>((r) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => r(p));
      });
    });
    const t0 = Date.now();
    await expect(connectRedis(`redis://127.0.0.1:${port}`, 3000)).rejects.toThrow(`cannot reach Redis at redis://127.0.0.1:${port}`);
    expect(Date.now() - t0).toBeLessThan(3000);
  });
});
