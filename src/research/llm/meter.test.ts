import { describe, expect, it } from 'vitest';
import { Meter, usdOf } from './meter.js';

describe('Meter', () => {
  const prices = { inputUsdPerMTok: 3, outputUsdPerMTok: 15 };

  it('prices usage per million tokens', () => {
    expect(usdOf({ input: 1_000_000, output: 0 }, prices)).toBe(3);
    expect(usdOf({ input: 2000, output: 1000 }, prices)).toBeCloseTo(0.006 + 0.015, 12);
  });

  it('reports the first limit reached: time, then tokens, then dollars', () => {
    let now = 0;
    const m = new Meter({ deadline: 100, maxTokens: 10_000, maxCostUsd: 0.05 }, prices, 0, () => now);
    expect(m.reached()).toBeUndefined();
    m.add({ input: 5000, output: 2000 }); // $0.045
    expect(m.reached()).toBeUndefined();
    m.add({ input: 1000, output: 500 }); // 8500 tokens, $0.0555
    expect(m.reached()).toBe('cost');
    m.add({ input: 1500, output: 0 });
    expect(m.reached()).toBe('tokens');
    now = 100;
    expect(m.reached()).toBe('time');
    expect(m.cost()).toEqual({ tokensIn: 7500, tokensOut: 2500, usd: usdOf({ input: 7500, output: 2500 }, prices), wallSeconds: 0.1 });
  });

  it('allows only the output tokens the budget left pays for', () => {
    const m = new Meter({ deadline: Infinity, maxTokens: 3000, maxCostUsd: 0.03 }, prices, 0);
    expect(m.outputAllowance(4096)).toBe(2000); // $0.03 buys 2000 output tokens at $15/M
    m.add({ input: 1000, output: 0 }); // $0.003 spent, 2000 tokens left
    expect(m.outputAllowance(4096)).toBe(1800);
    expect(new Meter({ deadline: Infinity, maxTokens: 3000 }, prices, 0).outputAllowance(4096)).toBe(3000);
    expect(new Meter({ deadline: Infinity }, { inputUsdPerMTok: 0, outputUsdPerMTok: 0 }, 0).outputAllowance(4096)).toBe(4096);
  });
});
