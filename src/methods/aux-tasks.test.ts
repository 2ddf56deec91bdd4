import { describe, expect, it } from 'vitest';
import { auxLoss, auxTasks, confidentAuxTarget, declaredAuxTarget, groupAuxTarget } from './aux-tasks.js';
import { evalGraph, fakeContext, RecordingFactory, syntheticPools } from './testing.js';

describe('auxiliary targets', () => {
  it("'confident' labels only rows the weak supervisor is sure of", () => {
    const t = confidentAuxTarget(Float32Array.from([0.9, 0.1, 0.4, 0.6, 0.15, 0.85]), 2, 0.8);
    expect(Array.from(t.targets)).toEqual([1, 0, 0, 0, 0, 1]);
    expect(t.labeled).toBe(2);
  });
  it("'task' takes the declared task's class per row, none where it answered -1", () => {
    const t = declaredAuxTarget({ description: '', classes: ['x', 'y', 'z'], labels: Int32Array.of(2, -1, 0) });
    expect(t.kAux).toBe(3);
    expect(Array.from(t.targets)).toEqual([0, 0, 1, 0, 0, 0, 1, 0, 0]);
    expect(t.labeled).toBe(2);
  });
  it("'groups' gives one class per distinct group, none for rows without a group", () => {
    const t = groupAuxTarget(['b', 'a', undefined, 'b']);
    expect(t.kAux).toBe(2);
    expect(Array.from(t.targets)).toEqual([0, 1, 1, 0, 0, 0, 0, 1]);
  });
});

describe('auxLoss', () => {
  it('is main CE over the first k logits plus weight × aux CE over the labeled rows', async () => {
    // Two rows, k = 2 main logits + 2 aux logits; row 1 has no aux label.
    const z = Float32Array.from([1, 0, 0, 2, 0, 1, 3, 0]);
    const t = Float32Array.from([0.8, 0.2, 0, 1, 0, 1, 0, 0]);
    const { loss } = await evalGraph(
      { z: { data: z, dims: [2, 4] }, t: { data: t, dims: [2, 4] }, w: { data: Float32Array.of(1, 1), dims: [2] } },
      ({ z, t, w }) => ({ loss: auxLoss(2, 2, 0.5)({ ctx: undefined as never, logits: z, targets: t, weights: w, scalars: {} }) }),
    );
    const lse = (a: number, b: number) => Math.log(Math.exp(a) + Math.exp(b));
    const main = (-(0.8 * (1 - lse(1, 0)) + 0.2 * (0 - lse(1, 0))) - (1 - lse(0, 1))) / 2;
    const aux = -(2 - lse(0, 2)) / 1;
    expect(loss[0]).toBeCloseTo(main + 0.5 * aux, 5);
  });
});

describe('aux_tasks method', () => {
  const pools = syntheticPools({ n: 160, nVal: 40, seed: 11 });
  const predictWith = async (auxWeight: number, hidden: number) => {
    const { ctx } = fakeContext({ pools });
    const { student } = await auxTasks.run(ctx, { aux: 'confident', auxWeight, threshold: 0.8, clusters: 4, hidden });
    return student.predict('val');
  };
  it('the auxiliary loss changes the main head through the shared hidden layer (gradients flow)', async () => {
    const without = await predictWith(0, 16);
    const withAux = await predictWith(1, 16);
    expect(without.length).toBe(80); // k class probabilities only; the auxiliary head is dropped
    for (let i = 0; i < 40; i++) expect(withAux[2 * i] + withAux[2 * i + 1]).toBeCloseTo(1, 5);
    const maxDiff = Math.max(...without.map((v, i) => Math.abs(v - withAux[i])));
    expect(maxDiff).toBeGreaterThan(1e-3);
  });
  it('with no shared layer (hidden 0) the auxiliary loss cannot touch the main head', async () => {
    const without = await predictWith(0, 0);
    const withAux = await predictWith(1, 0);
    without.forEach((v, i) => expect(withAux[i]).toBeCloseTo(v, 5));
  });
  it('packs [weak | aux] targets and asks the factory for the extra outputs', async () => {
    const small = syntheticPools({ n: 12, nVal: 4, group: (i) => `g${i % 3}` });
    const student = new RecordingFactory(small, 2);
    const { ctx } = fakeContext({ pools: small, student });
    const { notes } = await auxTasks.run(ctx, { aux: 'groups', auxWeight: 1, threshold: 0.8, clusters: 4, hidden: 8 });
    const call = student.calls[0];
    expect(call.extraOutputs).toBe(3);
    expect(call.config).toEqual({ hidden: [8] });
    expect(Array.from(call.targets.subarray(0, 5))).toEqual([...small.transfer.weakProbs.subarray(0, 2), 1, 0, 0]);
    expect(notes).toMatchObject({ aux: 'groups', aux_classes: 3, aux_labeled: 12 });
  });
  it("'auto' learns the task's declared auxiliary task where there is one, else the confident subset", async () => {
    const small = syntheticPools({ n: 12, nVal: 4 });
    const params = { aux: 'auto', auxTask: '', auxWeight: 1, threshold: 0.8, clusters: 4, hidden: 8 };
    const declared = { ...small, transfer: { ...small.transfer, aux: { parity: { description: '', classes: ['even', 'odd'], labels: Int32Array.from({ length: 12 }, (_, i) => i % 2) } } } };
    const withTask = new RecordingFactory(declared, 2);
    const a = await auxTasks.run(fakeContext({ pools: declared, student: withTask }).ctx, params);
    expect(a.notes).toMatchObject({ aux: 'task:parity', aux_classes: 2, aux_labeled: 12 });
    expect(Array.from(withTask.calls[0].targets.subarray(2, 4))).toEqual([1, 0]); // row 0: 'even'
    const b = await auxTasks.run(fakeContext({ pools: small, student: new RecordingFactory(small, 2) }).ctx, params);
    expect(b.notes).toMatchObject({ aux: 'confident' });
    await expect(auxTasks.run(fakeContext({ pools: declared }).ctx, { ...params, aux: 'task', auxTask: 'nope' })).rejects.toThrow(/no auxiliary task "nope"; it declares: parity/);
    await expect(auxTasks.run(fakeContext({ pools: small }).ctx, { ...params, aux: 'task' })).rejects.toThrow(/declares none/);
  });
});
