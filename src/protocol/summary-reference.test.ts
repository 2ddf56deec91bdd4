import { describe, expect, it } from 'vitest';
import { belowReference, summarize } from './summary.js';
import { fakeRun, withReference } from './summary-fixtures.js';

const vanilla = [0, 1, 2].map((s) => fakeRun('vanilla', s, [0.7, 0.9, 0.75]));
const [v] = summarize(vanilla, { samples: 100 });

describe('summarize with the n-gram reference', () => {
  it('carries the n-gram reference: per seed, as the seed mean, and says when the ceiling does not beat it', () => {
    const refs = [0.8, 0.85, 0.84];
    const [s] = summarize(vanilla.map((r, i) => withReference(r, refs[i])), { samples: 100 });
    expect(s.seeds.map((x) => x.reference_acc)).toEqual(refs);
    expect(s.reference_acc).toBeCloseTo(0.83, 12);
    expect(belowReference(s)).toBe(false); // ceiling about 0.9
    const [weaker] = summarize(vanilla.map((r) => withReference(r, 0.95)), { samples: 100 });
    expect(belowReference(weaker)).toBe(true);
  });

  it('has no reference unless every seed scored one', () => {
    const [s] = summarize([withReference(vanilla[0], 0.95), ...vanilla.slice(1)], { samples: 100 });
    expect(s.reference_acc).toBeUndefined();
    expect(s.seeds[0].reference_acc).toBe(0.95);
    expect(belowReference(s)).toBe(false);
    expect(belowReference(v)).toBe(false);
  });
});
