import { describe, expect, it } from 'vitest';
import { Rng } from '../../util/rng.js';
import { backoffMs, retryAfterMs } from './http.js';
import { concurrencyLimit } from './limit.js';
import { parseTokenPrice } from './usage.js';

describe('retry timing', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(retryAfterMs('3')).toBe(3000);
    expect(retryAfterMs('0.5')).toBe(500);
    expect(retryAfterMs(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(retryAfterMs(null)).toBeNull();
    expect(retryAfterMs('soon')).toBeNull();
  });

  it('backs off exponentially with jitter in [0.5, 1) of the capped delay, reproducibly for a seed', () => {
    const policy = { baseDelayMs: 100, maxDelayMs: 1000, rng: new Rng(1) };
    for (const [attempt, cap] of [[0, 100], [1, 200], [3, 800], [6, 1000]] as const) {
      const d = backoffMs(attempt, policy);
      expect(d).toBeGreaterThanOrEqual(cap * 0.5);
      expect(d).toBeLessThan(cap);
    }
    const draw = () => backoffMs(2, { baseDelayMs: 100, maxDelayMs: 1000, rng: new Rng(7) });
    expect(draw()).toBe(draw());
  });
});

describe('concurrencyLimit', () => {
  it('runs at most n tasks at once and all of them in the end', async () => {
    const limit = concurrencyLimit(2);
    let open = 0, most = 0;
    const done = await Promise.all(Array.from({ length: 7 }, (_, i) => limit(async () => {
      most = Math.max(most, ++open);
      await new Promise((r) => setTimeout(r, 5));
      open--;
      return i;
    })));
    expect(done).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(most).toBe(2);
    expect(() => concurrencyLimit(0)).toThrow(/integer >= 1/);
  });
});

describe('parseTokenPrice', () => {
  it('takes one price or prompt,completion prices per 1k tokens', () => {
    expect(parseTokenPrice('0.5')).toEqual({ prompt: 0.5, completion: 0.5 });
    expect(parseTokenPrice('0.15, 0.6')).toEqual({ prompt: 0.15, completion: 0.6 });
    expect(() => parseTokenPrice('cheap')).toThrow(/--cost-per-1k-tokens expects/);
    expect(() => parseTokenPrice('1,2,3')).toThrow(/PROMPT,COMPLETION/);
  });
});
