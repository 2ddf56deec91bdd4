import { grad } from '../autodiff.js';
import type { DType } from '../dtype.js';
import { Graph, makeArray } from '../graph.js';
import { toOnnx } from '../onnx/export.js';
import { mul } from '../ops/mul.js';
import { reduceSum } from '../ops/reduce_sum.js';
import { toOrt } from '../runtime/feeds.js';
import { getSession } from '../runtime/session.js';
import type { Tensor } from '../tensor.js';
import { Rng } from '../../util/rng.js';

export interface GradCheckInput {
  shape: number[];
  /** Values; default: standard normal draws. */
  data?: number[];
  /** Inputs that are not differentiated (e.g. indices). */
  dtype?: DType;
  constant?: boolean;
}

export interface GradCheckResult {
  maxAbsError: number;
  maxRelError: number;
  worst: { input: number; index: number; analytic: number; numeric: number } | null;
}

/**
 * Compares the autodiff gradient of sum(build(inputs) * r), r random, with
 * central finite differences computed by running the forward graph.
 */
export async function gradCheck(
  build: (...xs: Tensor[]) => Tensor,
  specs: GradCheckInput[],
  opts: { dtype?: DType; eps?: number; seed?: number } = {},
): Promise<GradCheckResult> {
  const dtype = opts.dtype ?? 'float64';
  const eps = opts.eps ?? (dtype === 'float64' ? 1e-6 : 1e-2);
  const rng = new Rng(opts.seed ?? 0);
  const g = new Graph();
  const xs = specs.map((s, i) => g.input(`x${i}`, s.dtype ?? dtype, s.shape));
  const values = specs.map((s) => s.data ?? Array.from({ length: s.shape.reduce((a, b) => a * b, 1) }, () => rng.normal()));
  const y = build(...xs);
  const ySize = y.size;
  if (ySize === undefined) throw new Error('gradCheck: the output shape must be fully known');
  const r = g.constant({ dtype: y.dtype, shape: y.shape as number[], data: makeArray(y.dtype, Array.from({ length: ySize }, () => rng.normal())) });
  const loss = reduceSum(mul(y, r));
  const diffIdx = specs.map((s, i) => (s.constant ? -1 : i)).filter((i) => i >= 0);
  const grads = grad(loss, diffIdx.map((i) => xs[i]));
  const outputs: Record<string, Tensor> = { loss };
  grads.forEach((gt, k) => (outputs[`g${k}`] = gt));
  const full = await getSession(toOnnx(g, { inputs: xs, outputs }), { threads: 1 });
  const fwd = await getSession(toOnnx(g, { inputs: xs, outputs: { loss } }), { threads: 1 });
  const feeds = (vals: number[][]) =>
    Object.fromEntries(xs.map((x, i) => [x.name, toOrt(x.dtype, makeArray(x.dtype, vals[i]), specs[i].shape)]));
  const res = await full.run(feeds(values));
  const lossAt = async (vals: number[][]) => Number((await fwd.run(feeds(vals))).loss.data[0]);

  let maxAbs = 0;
  let maxRel = 0;
  let worst: GradCheckResult['worst'] = null;
  for (let k = 0; k < diffIdx.length; k++) {
    const i = diffIdx[k];
    const analytic = res[`g${k}`].data as Float64Array | Float32Array;
    for (let j = 0; j < values[i].length; j++) {
      const plus = values.map((v) => [...v]);
      const minus = values.map((v) => [...v]);
      plus[i][j] += eps;
      minus[i][j] -= eps;
      const numeric = ((await lossAt(plus)) - (await lossAt(minus))) / (2 * eps);
      const abs = Math.abs(analytic[j] - numeric);
      const rel = abs / Math.max(1, Math.abs(numeric));
      if (rel > maxRel) worst = { input: i, index: j, analytic: analytic[j], numeric };
      maxAbs = Math.max(maxAbs, abs);
      maxRel = Math.max(maxRel, rel);
    }
  }
  return { maxAbsError: maxAbs, maxRelError: maxRel, worst };
}
