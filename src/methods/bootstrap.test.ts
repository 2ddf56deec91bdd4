import { describe, expect, it } from 'vitest';
import { bootstrap } from './bootstrap.js';
import { hardLabels } from './labels.js';
import { accuracyOf, fakeContext, RecordingFactory, syntheticPools } from './testing.js';

describe('bootstrap', () => {
  it('trains k + 1 students; round r learns round r − 1’s transfer predictions', async () => {
    for (const rounds of [0, 1, 3]) {
      const pools = syntheticPools({ n: 30, nVal: 10 });
      const student = new RecordingFactory(pools, 2);
      const { ctx } = fakeContext({ pools, student });
      const { student: last } = await bootstrap.run(ctx, { rounds, hard: false });
      expect(student.trained).toBe(rounds + 1);
      expect(student.calls[0].targets).toEqual(pools.transfer.weakProbs);
      for (let r = 1; r <= rounds; r++) expect(student.calls[r].targets).toEqual(student.transferPredictions[r - 1]);
      expect(last.id).toBe(rounds + 1);
    }
  });
  it('hard: later rounds learn the argmax of the previous predictions', async () => {
    const pools = syntheticPools({ n: 30, nVal: 10, k: 3 });
    const student = new RecordingFactory(pools, 3);
    const { ctx } = fakeContext({ pools, student });
    await bootstrap.run(ctx, { rounds: 2, hard: true });
    expect(student.calls[2].targets).toEqual(hardLabels(student.transferPredictions[1], 3));
  });
  it('runs with real students', async () => {
    const { ctx, pools } = fakeContext({ pools: syntheticPools({ n: 300, seed: 3 }) });
    const { student, notes } = await bootstrap.run(ctx, { rounds: 2, hard: false });
    expect(notes!.students).toBe(3);
    expect(ctx.student.trained).toBe(3);
    expect(accuracyOf(await student.predict('val'), pools.val.labels, 2)).toBeGreaterThan(0.8);
  });
});
