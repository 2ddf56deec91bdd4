/** `--redis URL` at the boundary (a bad URL and an unreachable Redis are errors that say what to do, not hangs), and the tests' redis-server fixture without its binary. */
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startRedis } from './fixtures/redis-server.js';
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

  it('makes the BullMQ tests fail, saying how to install redis-server, when the binary is missing', async () => {
    const was = process.env.W2S_REDIS_SERVER;
    process.env.W2S_REDIS_SERVER = '/nonexistent/redis-server';
    try {
      await expect(startRedis()).rejects.toThrow(/need \/nonexistent\/redis-server .*apt-get install redis-server/);
    } finally {
      if (was === undefined) delete process.env.W2S_REDIS_SERVER;
      else process.env.W2S_REDIS_SERVER = was;
    }
  });
});
