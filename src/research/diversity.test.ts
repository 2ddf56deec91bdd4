import { describe, expect, it } from 'vitest';
import { diversity, gower, numericRanges } from './diversity.js';

describe('idea diversity', () => {
  it('is 0 for copies of one method and 1 for methods sharing nothing', () => {
    const a = { labels: 'weak', select: 'all', loss: 'xent' };
    expect(diversity([a, { ...a }, { ...a }])).toEqual({ meanDistance: 0, compositions: 3, structures: 1 });
    expect(diversity([{ labels: 'weak', keep: 0.8 }, { loss: 'logconf', alpha: 0.5 }]).meanDistance).toBe(1);
  });

  it('scales numeric differences by their range in the set, and counts a parameter only one has as a full difference', () => {
    const cs = [{ select: 'quantile', keep: 0.5 }, { select: 'quantile', keep: 0.9 }, { select: 'quantile', keep: 0.6 }];
    const r = numericRanges(cs);
    expect(r.get('keep')).toBeCloseTo(0.4);
    expect(gower(cs[0], cs[2], r)).toBeCloseTo((0 + 0.1 / 0.4) / 2);
    expect(gower({ select: 'all' }, { select: 'all', rounds: 1 }, r)).toBe(0.5);
    expect(diversity(cs).structures).toBe(1);
  });

  it('has no distance for fewer than two submissions', () => {
    expect(diversity([]).meanDistance).toBeNull();
    expect(diversity([{ a: 'x' }]).meanDistance).toBeNull();
  });
});
