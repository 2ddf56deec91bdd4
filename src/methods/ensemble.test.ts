import { describe, expect, it } from 'vitest';
import { deriveRng } from '../util/rng.js';
import type { ExtraSupervisor } from '../contract/types.js';
import { ensembleLabelModel } from './ensemble-labelmodel.js';
import { averageProbs, ensembleVote } from './ensemble-vote.js';
import { ensembleWeighted, sourceWeights } from './ensemble-weighted.js';
import { collectSupervisors, sourceShares } from './ensemble.js';
import { dawidSkene } from './label-model.js';
import { temperedPosterior } from './label-model-posterior.js';
import { majorityVote, votesFromProbs } from './votes.js';
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
  ['ensemble_labelmodel', ensembleLabelModel, { smoothing: 0.01, maxIter: 500, bins: 1, dependencies: true, posterior: 'fit', hard: false }],
  ['ensemble_labelmodel (tempered)', ensembleLabelModel, { smoothing: 0.01, maxIter: 500, bins: 1, dependencies: true, posterior: 'tempered', hard: false }],
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
    const { notes } = await ensembleLabelModel.run(ctx, { smoothing: 0.01, maxIter: 500, bins: 1, dependencies: true, posterior: 'fit', hard: false });
    const lm = dawidSkene(votes, 5, 3);
    expect(student.calls[0].targets).toEqual(lm.posterior);
    expect(accuracyOf(lm.posterior, pools.transfer.labels, 3)).toBeGreaterThan(weakAcc + 0.1);
    expect(notes!.accuracy_sup0 as number).toBeCloseTo(0.85, 1);
  });
  it('ensemble_labelmodel with dependencies=false fits the declared blocks only, and says so', async () => {
    // sup0 and sup1 copy each other's errors: the dependency search models them jointly; turned off, it does not.
    const rng = deriveRng(2, 'shared-errors');
    const shared = noisyVotes(pools.transfer.labels, 3, 0.7, rng);
    const twins = new Map([...extra, ['twinA', { transfer: votesToProbs(shared, 3), val: new Float32Array(30) }], ['twinB', { transfer: votesToProbs(shared.map((v) => (rng.next() < 0.02 ? (v + 1) % 3 : v)), 3), val: new Float32Array(30) }]]);
    const twinVotes = votesFromProbs([pools.transfer.weakProbs, ...[...twins.values()].map((e) => e.transfer)], 3);
    const student = new RecordingFactory(pools, 3);
    const { ctx, logs } = fakeContext({ pools, student, extra: twins });
    const on = await ensembleLabelModel.run(ctx, { smoothing: 0.01, maxIter: 500, bins: 1, dependencies: true, posterior: 'fit', hard: false });
    expect(on.notes!.dependent_sets).toMatch(/twinA\+twinB/);
    const off = await ensembleLabelModel.run(ctx, { smoothing: 0.01, maxIter: 500, bins: 1, dependencies: false, posterior: 'fit', hard: false });
    expect(off.notes!.dependent_sets).toBe('');
    expect(student.calls[1].targets).toEqual(dawidSkene(twinVotes, 7, 3, { dependencies: false }).posterior);
    expect(student.calls[1].targets).not.toEqual(student.calls[0].targets);
    expect(logs.join('\n')).toMatch(/dependency search off: declared blocks only/);
    expect(logs.join('\n')).not.toMatch(/warning: bins/);
    await ensembleLabelModel.run(ctx, { smoothing: 0.01, maxIter: 500, bins: 2, dependencies: false, posterior: 'fit', hard: false });
    expect(logs.join('\n')).toMatch(/warning: bins=2 with the dependency search off/);
  });
  it("ensemble_labelmodel with posterior=tempered trains on the tempered posterior of the same fit, and refuses a posterior it does not know", async () => {
    const student = new RecordingFactory(pools, 3);
    const { ctx } = fakeContext({ pools, student, extra });
    const params = { smoothing: 0.01, maxIter: 500, bins: 1, dependencies: true, posterior: 'tempered', hard: false };
    const { notes } = await ensembleLabelModel.run(ctx, params);
    expect(notes!.posterior).toBe('tempered');
    const tempered = temperedPosterior(votes, 5, 3, dawidSkene(votes, 5, 3));
    expect(student.calls[0].targets).toEqual(tempered);
    expect(accuracyOf(tempered, pools.transfer.labels, 3)).toBeGreaterThan(weakAcc + 0.1);
    await expect(ensembleLabelModel.run(ctx, { ...params, posterior: 'joint' })).rejects.toThrow(/posterior must be 'fit' or 'tempered', got 'joint'/);
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

describe('ensembles with correlated supervisors (bootstrap refits of the weak model)', () => {
  // The weak model (right on 65% of rows) and three near-copies of it declared with
  // source "weak", as the protocol declares its bootstrap refits; three independent
  // supervisors at 0.8, 0.75, 0.75.
  const pools = syntheticPools({ n: 3000, nVal: 10, k: 2, seed: 4, weakAccuracy: 0.65 });
  const rng = deriveRng(1, 'copies');
  const weakVotes = votesFromProbs([pools.transfer.weakProbs], 2);
  const extra = new Map<string, ExtraSupervisor>();
  for (let r = 1; r <= 3; r++) {
    const copy = Int32Array.from(weakVotes, (v) => (rng.next() < 0.03 ? 1 - v : v));
    extra.set(`weak#${r}`, { transfer: votesToProbs(copy, 2), val: new Float32Array(20), source: 'weak' });
  }
  [0.8, 0.75, 0.75].forEach((a, j) => {
    const v = noisyVotes(pools.transfer.labels, 2, a, rng);
    extra.set(`ind${j}`, { transfer: votesToProbs(v, 2), val: new Float32Array(20) });
  });
  const weakAcc = accuracyOf(pools.transfer.weakProbs, pools.transfer.labels, 2);
  const { ctx } = fakeContext({ pools, student: 'recording', extra });

  it('collectSupervisors puts the weak model and its refits in one source', () => {
    const sups = collectSupervisors(ctx, 'test');
    expect(sups.names).toEqual(['weak', 'weak#1', 'weak#2', 'weak#3', 'ind0', 'ind1', 'ind2']);
    expect(Array.from(sups.sources)).toEqual([0, 0, 0, 0, 1, 2, 3]);
    expect(Array.from(sourceShares(sups.sources))).toEqual([0.25, 0.25, 0.25, 0.25, 1, 1, 1]);
    expect(Array.from(sourceWeights([0.9, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9], sups.sources, 2)).map((w) => +w.toFixed(4))).toEqual(
      [0.25, 0.25, 0.25, 0.25, 1, 1, 1].map((s) => +(s * Math.log(9)).toFixed(4)),
    );
  });
  for (const [name, method, params] of methods.slice(1)) {
    it(`${name}: the four copies do not outvote the better independent supervisors`, async () => {
      const student = new RecordingFactory(pools, 2);
      const { ctx } = fakeContext({ pools, student, extra });
      const { notes } = await method.run(ctx, params);
      // The weak model is rated near its true accuracy, not near 1 as four agreeing copies would make it.
      expect(Math.abs((notes!.accuracy_weak as number) - weakAcc)).toBeLessThan(0.05);
      expect(accuracyOf(student.calls[0].targets, pools.transfer.labels, 2)).toBeGreaterThan(weakAcc + 0.15);
      expect(notes).toMatchObject({ supervisors: 7, sources: 4 });
    });
  }
});
