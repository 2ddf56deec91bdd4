import { describe, expect, it } from 'vitest';
import { ensembleLabelModel } from '../../methods/ensemble-labelmodel.js';
import { deriveRng } from '../../util/rng.js';
import { fakeContext, noisyVotes, RecordingFactory, syntheticPools, votesToProbs } from '../../methods/testing.js';
import { HAND_WRITTEN, recipeOf } from './recipe.js';
import { labelTargets } from './steps.js';

describe('the offline researcher’s label step', () => {
  it('a hand-written ensemble_labelmodel point learns exactly what ensemble_labelmodel at its defaults trains on', async () => {
    const pools = syntheticPools({ n: 800, nVal: 10, k: 2, seed: 3 });
    const rng = deriveRng(1, 'steps-test');
    const extra = new Map([0.9, 0.8, 0.7].map((a, j) => [`lf${j}`, {
      transfer: votesToProbs(noisyVotes(pools.transfer.labels, 2, a, rng, 0.5), 2),
      val: votesToProbs(noisyVotes(pools.val.labels, 2, a, rng, 0.5), 2),
    }] as const));
    const student = new RecordingFactory(pools, 2);
    const { ctx } = fakeContext({ pools, student, extra });
    const defaults = Object.fromEntries(ensembleLabelModel.params!.map((p) => [p.name, p.default]));
    await ensembleLabelModel.run(ctx, defaults);
    const point = HAND_WRITTEN.find((h) => h.method === 'ensemble_labelmodel')!.point;
    const { targets } = labelTargets(ctx, recipeOf(point).labels);
    expect(targets).toEqual(student.calls[0].targets);
    expect(targets).not.toEqual(pools.transfer.weakProbs);
  });
});
