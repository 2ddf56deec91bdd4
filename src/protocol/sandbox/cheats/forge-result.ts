import type { Method } from '../../../contract/types.js';

/** Sends a result of its own making with a non-finite weight: the host must refuse it, not score it. */
const method: Method = {
  name: 'cheat_forge_result',
  description: 'boundary test: a forged result',
  params: [],
  async run(ctx) {
    const student = await ctx.student.train({ pool: 'transfer', targets: ctx.transfer.weakProbs });
    const dim = ctx.transfer.dim;
    const k = ctx.numClasses;
    process.send?.({ t: 'result', outcome: { student: { kind: 'probe', sizes: [dim, k], numClasses: k, theta: new Float32Array(dim * k + k).fill(NaN), mean: new Float32Array(dim), scale: new Float32Array(dim) }, notes: {}, studentsTrained: 1 } });
    await new Promise((r) => setTimeout(r, 5_000));
    return { student };
  },
};
export default method;
