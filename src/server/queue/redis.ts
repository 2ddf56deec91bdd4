/** The Redis connection behind `--redis URL`: the URL checked at the boundary, the server reached before anything is queued. */
import { Redis } from 'ioredis';

/** The URL, if it is a redis:// or rediss:// URL; otherwise an error saying what to give. */
export function checkRedisUrl(value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new Error(`--redis ${JSON.stringify(value)} is not a URL; give redis://HOST:PORT (or rediss:// for TLS), e.g. redis://127.0.0.1:6379`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') {
    throw new Error(`--redis ${value} uses ${u.protocol}; give a redis:// or rediss:// URL, e.g. redis://127.0.0.1:6379`);
  }
  return value;
}

/**
 * A connection for BullMQ (which needs `maxRetriesPerRequest: null`), after one PING
 * answered within `timeoutMs`: a wrong URL or a stopped Redis is an error at start, not a hang.
 */
export async function connectRedis(url: string, timeoutMs = 5000): Promise<Redis> {
  const redis = new Redis(checkRedisUrl(url), { maxRetriesPerRequest: null, lazyConnect: true });
  redis.on('error', () => {}); // reported through the PING below, and retried by ioredis afterwards
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      redis.connect().then(() => redis.ping()),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs))),
    ]);
    return redis;
  } catch (e) {
    redis.disconnect();
    throw new Error(`cannot reach Redis at ${url}: ${(e as Error).message.replace(/\.$/, '')}; start redis-server there or fix --redis`);
  } finally {
    clearTimeout(timer);
  }
}
