import { describe, expect, it } from 'vitest';
import { deriveRng } from '../util/rng.js';
import { ensembleLabelModel } from './ensemble-labelmodel.js';
import { averageProbs, ensembleVote } from './ensemble-vote.js';
import { ensembleWeighted } from './ensemble-weighted.js';
import { dawidSkene, majorityVote, votesFromProbs } from './label-model.js';
import { accuracyOf, fakeContext, noisyVotes, RecordingFactory, syntheticPools, votesToProbs, type SyntheticPools } from './testing.js';

/** Extra supervisors of known accuracy on transfer and val, drawn from the pools' ground truth. */
function extraSupervisors(pools: SyntheticPools, accuracies: number[], coverage = 1) {
  const rng = deriveRng(0, 'extra-supervisors');
  const extra = new Map<string, { transfer: Float32Array; val: Float32Array }>();
  accuracies.forEach((a, j) =>
    extra.set(`sup${j}`, {
      transfer: votesToProbs(noisyVotes(pools.transfer.labels, pools.k, a, rng, coverage), pools.k),
      val: votesToProbs(noisyVotes(pools.val.labels, pools.k, a, rng, coverage), pools.k),
    }),
  );
  return extra;
}

const methods = [
  ['ensemble_vote', ensembleVote, { soft: false, hard: false }],
  ['ensemble_weighted', ensembleWeighted, { hard: false }],
  ['ensemble_labelmodel', ensembleLabelModel, { smoothing: 0.01, maxIter: 500, hard: false }],
] as const;

describe('ensembles with no extra supervisors', () => {
  for (const [name, method, params] of methods) {
    it(`${name} falls back to the main weak labels and says so`, async () => {
      const pools = syntheticPools({ n: 30, nVal: 10 });
      const student = new RecordingFactory(pools, 2);
      const { ctx, logs } = fakeContext({ pools, student });
      const { notes } = await method.run(ctx, params);
      expect(student.calls[0].targets).toEqual(pools.transfer.weakProbs);
      expect(notes).toMatchObject({ supervisors: 1, fallback: true });
      expect(logs.join('\n')).toMatch(/no extra supervisors/);
    });
  }
});

describe('ensembles with extra supervisors', () => {
  const pools = syntheticPools({ n: 1500, nVal: 10, k: 3, seed: 8 });
  const extra = extraSupervisors(pools, [0.85, 0.75, 0.6, 0.55], 0.8);
  const all = [pools.transfer.weakProbs, ...[...extra.values()].map((e) => e.transfer)];
  const votes = votesFromProbs(all, 3);
  const weakAcc = accuracyOf(pools.transfer.weakProbs, pools.transfer.labels, 3);

  it('ensemble_vote trains on the vote shares of all five supervisors (or their averaged probabilities)', async () => {
    const student = new RecordingFactory(pools, 3);
    const { ctx } = fakeContext({ pools, student, extra });
    const { notes } = await ensembleVote.run(ctx, { soft: false, hard: false });
    expect(notes!.supervisors).toBe(5);
    expect(student.calls[0].targets).toEqual(majorityVote(votes, 5, 3));
    await ensembleVote.run(ctx, { soft: true, hard: false });
    expect(student.calls[1].targets).toEqual(averageProbs(all, votes, 3));
  });
  it('ensemble_labelmodel trains on the Dawid–Skene posterior, which beats the main weak labels', async () => {
    const student = new RecordingFactory(pools, 3);
    const { ctx } = fakeContext({ pools, student, extra });
    const { notes } = await ensembleLabelModel.run(ctx, { smoothing: 0.01, maxIter: 500, hard: false });
    const lm = dawidSkene(votes, 5, 3);
    expect(student.calls[0].targets).toEqual(lm.posterior);
    expect(accuracyOf(lm.posterior, pools.transfer.labels, 3)).toBeGreaterThan(weakAcc + 0.1);
    expect(notes!.accuracy_sup0 as number).toBeCloseTo(0.85, 1);
  });
  it('ensemble_weighted weights supervisors by estimated accuracy and beats the unweighted vote', async () => {
    const student = new RecordingFactory(pools, 3);
    const { ctx } = fakeContext({ pools, student, extra });
    const { notes } = await ensembleWeighted.run(ctx, { hard: false });
    const targets = student.calls[0].targets;
    expect(notes!.accuracy_sup0 as number).toBeGreaterThan(notes!.accuracy_sup3 as number);
    expect(accuracyOf(targets, pools.transfer.labels, 3)).toBeGreaterThan(accuracyOf(majorityVote(votes, 5, 3), pools.transfer.labels, 3));
  });
  it('rejects an extra supervisor of the wrong shape', async () => {
    const bad = new Map([['short', { transfer: new Float32Array(3), val: new Float32Array(3) }]]);
    const { ctx } = fakeContext({ pools, student: 'recording', extra: bad });
    await expect(ensembleVote.run(ctx, { soft: false, hard: false })).rejects.toThrow(/extra supervisor "short" has 3 transfer values/);
  });
});
