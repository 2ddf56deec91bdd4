/** Fixed baselines of a challenge: weak, ceiling and vanilla accuracy per seed and their means. */
import { mean } from '../../metrics/index.js';
import { baselinesOf, labelsOf, type Challenge, type Part } from '../db/challenges.js';
import type { ServerDb } from '../db/schema.js';
import { accuracyOf } from '../holdout/score.js';

export interface FixedBaselines {
  weak: number;
  ceiling: number;
  vanilla: number;
  perSeed: { seed: number; weak: number; ceiling: number; vanilla: number }[];
}

export function fixedBaselines(sdb: ServerDb, c: Challenge, part: Part): FixedBaselines {
  const perSeed = [...baselinesOf(sdb, c)].map(([seed, b]) => {
    const labels = labelsOf(sdb, c, seed, part);
    return { seed, weak: accuracyOf(b.weak[part], labels), ceiling: accuracyOf(b.ceiling[part], labels), vanilla: accuracyOf(b.vanilla[part], labels) };
  });
  return {
    weak: mean(perSeed.map((s) => s.weak)),
    ceiling: mean(perSeed.map((s) => s.ceiling)),
    vanilla: mean(perSeed.map((s) => s.vanilla)),
    perSeed,
  };
}
