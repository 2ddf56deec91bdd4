import { describe, expect, it } from 'vitest';
import { Rng } from '../../util/rng.js';
import { HAND_WRITTEN, pointOf, RECIPE_DIMS, recipeOf, recipesInFindings } from './recipe.js';
import { activePart, samplePoint } from './space.js';

describe('recipes', () => {
  it('a point and its recipe convert both ways on the dimensions the recipe uses', () => {
    const rng = new Rng(4);
    for (let i = 0; i < 50; i++) {
      const p = samplePoint(RECIPE_DIMS, rng);
      expect(pointOf(recipeOf(p))).toEqual(activePart(RECIPE_DIMS, p));
    }
  });

  it('the hand-written starting points are the registered methods at their defaults', () => {
    expect(recipeOf(HAND_WRITTEN.find((h) => h.method === 'logconf')!.point)).toEqual({
      labels: { source: 'weak', temperature: 1, smoothing: 0, hard: false }, select: { kind: 'all' }, loss: { kind: 'logconf', alpha: 0.5, warmup: 0.2 }, rounds: 0, earlyStop: false,
    });
  });

  it('rejects a point outside the space with what is wrong', () => {
    expect(() => recipeOf({ ...HAND_WRITTEN[0].point, select: 'quantile', keep: 0.2 })).toThrow(/keep is 0.2; it must be a number in \[0.5, 0.95\]/);
  });

  it('reads recipes posted in findings, most voted first, skipping other JSON', () => {
    const a = recipeOf({ ...HAND_WRITTEN[1].point });
    const b = recipeOf({ ...HAND_WRITTEN[3].point });
    const body = (r: unknown) => `Released … Recipe:\n\n\`\`\`json\n${JSON.stringify(r)}\n\`\`\``;
    expect(recipesInFindings([{ body: body(a), votes: 0 }, { body: body({ x: 1 }), votes: 5 }, { body: body(b), votes: 2 }])).toEqual([b, a]);
  });
});
