// Every registered gradient rule checked against central finite differences.
// One table row per case; the coverage test fails when a rule has no row.
import { afterAll, describe, expect, it } from 'vitest';
import {
  abs,
  add,
  cast,
  clip,
  concat,
  div,
  dropout,
  erf,
  exp,
  expandLike,
  gather,
  grad,
  Graph,
  identity,
  layerNormalization,
  log,
  logSoftmax,
  makeArray,
  matmul,
  maximum,
  minimum,
  mul,
  neg,
  pad,
  pow,
  reduceMax,
  reduceMean,
  reduceProd,
  reduceSum,
  registeredGrads,
  relu,
  reshape,
  ShapeError,
  sigmoid,
  slice,
  softmax,
  split,
  sqrt,
  squeeze,
  stopGradient,
  sub,
  tanh,
  toOnnx,
  toOrt,
  getSession,
  transpose,
  unsqueeze,
  where,
  type Tensor,
} from '../index.js';
import { gradCheck, type GradCheckInput } from '../testing/gradcheck.js';

interface FdCase {
  /** The gradient rule under test (its registry name). */
  op: string;
  name: string;
  build: (...xs: Tensor[]) => Tensor;
  inputs: GradCheckInput[];
  dtype?: 'float32' | 'float64';
  eps?: number;
  /** Largest accepted max relative error. */
  tol?: number;
}

// ONNX Runtime 1.30's CPU provider runs every op here in float64 (Relu, Sign, Where, Clip,
// Max, Min, Gather, Pad and Dropout included) except Erf, which is float32 only.
const F64_TOL = 1e-6;
// float32 cases: eps 1e-2 trades O(eps^2) truncation against float32 rounding of the loss.
const F32 = { dtype: 'float32', eps: 1e-2, tol: 2e-2 } as const;

const pos = (n: number, from = 0.5, step = 0.37) => Array.from({ length: n }, (_, i) => from + i * step);
// Values at least 0.05 away from 0 (Relu, Abs kinks), mixed signs.
const awayFromZero = [0.8, -1.3, 0.25, -0.4, 1.7, -0.9, 0.6, -2.1, 0.35, -0.15, 1.1, -0.7];
const idx = (shape: number[], data: number[]): GradCheckInput => ({ shape, dtype: 'int64', constant: true, data });
const bool = (shape: number[], data: number[]): GradCheckInput => ({ shape, dtype: 'bool', constant: true, data });

const cases: FdCase[] = [
  // Elementwise binary with broadcasting.
  { op: 'Add', name: '[2,3] + [3]', build: add, inputs: [{ shape: [2, 3] }, { shape: [3] }] },
  { op: 'Add', name: '[2,1] + [1,3]', build: add, inputs: [{ shape: [2, 1] }, { shape: [1, 3] }] },
  { op: 'Add', name: '[2,3] + scalar', build: add, inputs: [{ shape: [2, 3] }, { shape: [] }] },
  { op: 'Sub', name: '[2,3] - [3]', build: sub, inputs: [{ shape: [2, 3] }, { shape: [3] }] },
  { op: 'Sub', name: '[2,1] - [1,3]', build: sub, inputs: [{ shape: [2, 1] }, { shape: [1, 3] }] },
  { op: 'Sub', name: 'scalar - [2,3]', build: sub, inputs: [{ shape: [] }, { shape: [2, 3] }] },
  { op: 'Mul', name: '[2,3] * [3]', build: mul, inputs: [{ shape: [2, 3] }, { shape: [3] }] },
  { op: 'Mul', name: '[2,1] * [1,3]', build: mul, inputs: [{ shape: [2, 1] }, { shape: [1, 3] }] },
  { op: 'Mul', name: '[2,3] * scalar', build: mul, inputs: [{ shape: [2, 3] }, { shape: [] }] },
  { op: 'Div', name: '[2,3] / [3]', build: div, inputs: [{ shape: [2, 3] }, { shape: [3], data: [1.5, -0.8, 2.2] }] },
  { op: 'Div', name: '[2,1] / [1,3]', build: div, inputs: [{ shape: [2, 1] }, { shape: [1, 3], data: [0.9, 1.4, -1.1] }] },
  { op: 'Div', name: 'scalar / [2,3]', build: div, inputs: [{ shape: [] }, { shape: [2, 3], data: pos(6) }] },
  { op: 'Pow', name: 'positive [2,3] ** [3]', build: pow, inputs: [{ shape: [2, 3], data: pos(6) }, { shape: [3], data: [0.5, 2, -1.3] }] },
  { op: 'Pow', name: 'positive [2,3] ** scalar', build: pow, inputs: [{ shape: [2, 3], data: pos(6) }, { shape: [], data: [1.7] }] },
  { op: 'Max', name: 'max([2,3], [3])', build: maximum, inputs: [{ shape: [2, 3], data: [0.1, 0.9, -0.5, 1.2, -1.0, 0.3] }, { shape: [3], data: [0.5, 0.2, -0.1] }] },
  { op: 'Max', name: 'max([2,1], [1,3])', build: maximum, inputs: [{ shape: [2, 1], data: [0.4, -0.6] }, { shape: [1, 3], data: [0.0, 0.8, -1.2] }] },
  { op: 'Max', name: 'max([2,3], scalar)', build: maximum, inputs: [{ shape: [2, 3], data: awayFromZero.slice(0, 6) }, { shape: [], data: [0.3] }] },
  { op: 'Min', name: 'min([2,3], [3])', build: minimum, inputs: [{ shape: [2, 3], data: [0.1, 0.9, -0.5, 1.2, -1.0, 0.3] }, { shape: [3], data: [0.5, 0.2, -0.1] }] },
  { op: 'Min', name: 'min([2,1], [1,3])', build: minimum, inputs: [{ shape: [2, 1], data: [0.4, -0.6] }, { shape: [1, 3], data: [0.0, 0.8, -1.2] }] },
  {
    op: 'Where',
    name: 'where(c[2,3], a[3], b scalar)',
    build: (c, a, b) => where(c, a, b),
    inputs: [bool([2, 3], [1, 0, 1, 0, 0, 1]), { shape: [3] }, { shape: [] }],
  },
  {
    op: 'Where',
    name: 'where(c[2,1], a[1,3], b[2,3])',
    build: (c, a, b) => where(c, a, b),
    inputs: [bool([2, 1], [1, 0]), { shape: [1, 3] }, { shape: [2, 3] }],
  },

  // Elementwise unary.
  { op: 'Neg', name: 'neg [2,3]', build: neg, inputs: [{ shape: [2, 3] }] },
  { op: 'Exp', name: 'exp [2,3]', build: exp, inputs: [{ shape: [2, 3] }] },
  { op: 'Log', name: 'log of positive [2,3]', build: log, inputs: [{ shape: [2, 3], data: pos(6) }] },
  { op: 'Sqrt', name: 'sqrt of positive [2,3]', build: sqrt, inputs: [{ shape: [2, 3], data: pos(6) }] },
  { op: 'Tanh', name: 'tanh [2,3]', build: tanh, inputs: [{ shape: [2, 3] }] },
  { op: 'Sigmoid', name: 'sigmoid [2,3]', build: sigmoid, inputs: [{ shape: [2, 3] }] },
  { op: 'Abs', name: 'abs away from 0', build: abs, inputs: [{ shape: [2, 3], data: awayFromZero.slice(0, 6) }] },
  { op: 'Relu', name: 'relu away from 0', build: relu, inputs: [{ shape: [2, 3], data: awayFromZero.slice(0, 6) }] },
  { op: 'Identity', name: 'identity [2,3]', build: identity, inputs: [{ shape: [2, 3] }] },
  // Erf: ONNX Runtime's CPU provider implements Erf for float32 only.
  { op: 'Erf', name: 'erf [2,3] (float32)', build: erf, inputs: [{ shape: [2, 3] }], ...F32 },
  {
    op: 'Clip',
    name: 'clip to [-0.5, 0.5] away from the bounds',
    build: (x) => clip(x, -0.5, 0.5),
    inputs: [{ shape: [2, 3], data: [-0.9, -0.3, 0.1, 0.45, 0.7, -0.05] }],
  },
  // Cast: dyadic inputs and a power-of-two eps keep x ± eps exact in float32.
  {
    op: 'Cast',
    name: 'float32 -> float64',
    build: (x) => mul(cast(x, 'float64'), cast(x, 'float64')),
    inputs: [{ shape: [2, 3], dtype: 'float32', data: [0.5, -1.25, 2, 0.75, -0.375, 1.5] }],
    eps: 2 ** -10,
  },
  {
    op: 'Cast',
    name: 'float64 -> float32',
    build: (x) => mul(cast(x, 'float32'), cast(x, 'float32')),
    inputs: [{ shape: [2, 3], dtype: 'float64', data: [0.5, -1.25, 2, 0.75, -0.375, 1.5] }],
    eps: 2 ** -10,
    // The loss is float32 here, so its rounding (~1e-7 relative) over 2 eps bounds the accuracy.
    tol: 1e-4,
  },

  // MatMul.
  { op: 'MatMul', name: '2-D [2,3] @ [3,4]', build: matmul, inputs: [{ shape: [2, 3] }, { shape: [3, 4] }] },
  { op: 'MatMul', name: 'batched [2,2,3] @ [2,3,2]', build: matmul, inputs: [{ shape: [2, 2, 3] }, { shape: [2, 3, 2] }] },
  {
    op: 'MatMul',
    name: 'attention q @ k^T [2,3,2] @ [2,2,3]',
    build: (q, k) => matmul(q, transpose(k, [0, 2, 1])),
    inputs: [{ shape: [2, 3, 2] }, { shape: [2, 3, 2] }],
  },
  { op: 'MatMul', name: '3-D @ 2-D weight [2,2,3] @ [3,2]', build: matmul, inputs: [{ shape: [2, 2, 3] }, { shape: [3, 2] }] },
  { op: 'MatMul', name: '4-D @ 2-D weight [2,1,2,3] @ [3,2]', build: matmul, inputs: [{ shape: [2, 1, 2, 3] }, { shape: [3, 2] }] },
  { op: 'MatMul', name: '2-D @ 3-D broadcast [2,3] @ [2,3,2]', build: matmul, inputs: [{ shape: [2, 3] }, { shape: [2, 3, 2] }] },
  { op: 'MatMul', name: 'batch broadcast [1,2,3] @ [2,3,2]', build: matmul, inputs: [{ shape: [1, 2, 3] }, { shape: [2, 3, 2] }] },

  // Reductions.
  { op: 'ReduceSum', name: 'sum axis 1 of [2,3,2]', build: (x) => reduceSum(x, 1), inputs: [{ shape: [2, 3, 2] }] },
  { op: 'ReduceSum', name: 'sum axes [0,2] keepdims', build: (x) => reduceSum(x, [0, 2], true), inputs: [{ shape: [2, 3, 2] }] },
  { op: 'ReduceSum', name: 'sum all axes', build: (x) => reduceSum(x), inputs: [{ shape: [2, 3] }] },
  { op: 'ReduceSum', name: 'sum axis -1 keepdims', build: (x) => reduceSum(x, -1, true), inputs: [{ shape: [2, 3] }] },
  { op: 'ReduceMean', name: 'mean axis 1 of [2,3,2]', build: (x) => reduceMean(x, 1), inputs: [{ shape: [2, 3, 2] }] },
  { op: 'ReduceMean', name: 'mean axes [0,2] keepdims', build: (x) => reduceMean(x, [0, 2], true), inputs: [{ shape: [2, 3, 2] }] },
  { op: 'ReduceMean', name: 'mean all axes', build: (x) => reduceMean(x), inputs: [{ shape: [2, 3] }] },
  // ReduceMax: distinct values (no ties), so the max is differentiable.
  {
    op: 'ReduceMax',
    name: 'max axis 1 of [2,3,2]',
    build: (x) => reduceMax(x, 1),
    inputs: [{ shape: [2, 3, 2], data: [0.1, -0.4, 0.9, 0.3, -0.2, 1.1, 0.5, 0.7, -1.3, 0.2, 0.8, -0.6] }],
  },
  {
    op: 'ReduceMax',
    name: 'max axes [0,2] keepdims',
    build: (x) => reduceMax(x, [0, 2], true),
    inputs: [{ shape: [2, 3, 2], data: [0.1, -0.4, 0.9, 0.3, -0.2, 1.1, 0.5, 0.7, -1.3, 0.2, 0.8, -0.6] }],
  },
  { op: 'ReduceMax', name: 'max all axes', build: (x) => reduceMax(x), inputs: [{ shape: [2, 3], data: [0.1, -0.4, 0.9, 0.3, -0.2, 1.1] }] },

  // Softmax family.
  { op: 'Softmax', name: 'softmax last axis [2,3]', build: (x) => softmax(x), inputs: [{ shape: [2, 3] }] },
  { op: 'Softmax', name: 'softmax middle axis [2,3,2]', build: (x) => softmax(x, 1), inputs: [{ shape: [2, 3, 2] }] },
  { op: 'LogSoftmax', name: 'logSoftmax last axis [2,3]', build: (x) => logSoftmax(x), inputs: [{ shape: [2, 3] }] },
  { op: 'LogSoftmax', name: 'logSoftmax middle axis [2,3,2]', build: (x) => logSoftmax(x, 1), inputs: [{ shape: [2, 3, 2] }] },

  // Shape ops.
  { op: 'Reshape', name: 'reshape [2,3,2] -> [0,-1]', build: (x) => reshape(x, [0, -1]), inputs: [{ shape: [2, 3, 2] }] },
  { op: 'Reshape', name: 'reshape [2,3] -> [-1,2,1]', build: (x) => reshape(x, [-1, 2, 1]), inputs: [{ shape: [2, 3] }] },
  { op: 'Transpose', name: 'transpose [2,3,4] perm [1,2,0]', build: (x) => transpose(x, [1, 2, 0]), inputs: [{ shape: [2, 3, 4] }] },
  // Equal sizes: a rule that used perm instead of its inverse would give the right shape but wrong values.
  { op: 'Transpose', name: 'transpose [2,2,2] perm [2,0,1]', build: (x) => transpose(x, [2, 0, 1]), inputs: [{ shape: [2, 2, 2] }] },
  {
    op: 'Concat',
    name: 'concat [2,1],[2,3],[2,2] axis 1',
    build: (a, b, c) => concat([a, b, c], 1),
    inputs: [{ shape: [2, 1] }, { shape: [2, 3] }, { shape: [2, 2] }],
  },
  { op: 'Concat', name: 'concat [1,3],[2,3] axis 0', build: (a, b) => concat([a, b], 0), inputs: [{ shape: [1, 3] }, { shape: [2, 3] }] },
  {
    op: 'Split',
    name: 'split [2,4] into [2,2] on axis 1, both used',
    build: (x) => {
      const [a, b] = split(x, [2, 2], 1);
      return mul(a, b);
    },
    inputs: [{ shape: [2, 4] }],
  },
  {
    op: 'Split',
    name: 'split [2,4] into [1,2,1] on axis -1, middle unused',
    build: (x) => {
      const [a, , c] = split(x, [1, 2, 1], -1);
      return add(a, mul(c, c));
    },
    inputs: [{ shape: [2, 4] }],
  },
  { op: 'Slice', name: 'slice [3,4] rows 1:3, cols -3:-1', build: (x) => slice(x, [1, -3], [3, -1], [0, 1]), inputs: [{ shape: [3, 4] }] },
  { op: 'Slice', name: 'slice [2,4] axis -1 from 1 to past the end', build: (x) => slice(x, [1], [100], [-1]), inputs: [{ shape: [2, 4] }] },
  { op: 'Pad', name: 'pad [2,3] before [1,0] after [0,2]', build: (x) => pad(x, [1, 0], [0, 2]), inputs: [{ shape: [2, 3] }] },
  { op: 'Pad', name: 'pad [2,2,2] on the middle axis only', build: (x) => pad(x, [0, 1, 0], [0, 1, 0]), inputs: [{ shape: [2, 2, 2] }] },
  { op: 'Unsqueeze', name: 'unsqueeze [2,3] at [0,3]', build: (x) => unsqueeze(x, [0, 3]), inputs: [{ shape: [2, 3] }] },
  { op: 'Unsqueeze', name: 'unsqueeze [2,3] at -1', build: (x) => unsqueeze(x, -1), inputs: [{ shape: [2, 3] }] },
  { op: 'Squeeze', name: 'squeeze [2,1,3] axis 1', build: (x) => squeeze(x, 1), inputs: [{ shape: [2, 1, 3] }] },
  { op: 'Squeeze', name: 'squeeze [1,3,1] axes [0,-1]', build: (x) => squeeze(x, [0, -1]), inputs: [{ shape: [1, 3, 1] }] },
  { op: 'Expand', name: 'expand [3,1] to [2,3,2]', build: (x, like) => expandLike(x, like), inputs: [{ shape: [3, 1] }, { shape: [2, 3, 2], constant: true }] },
  { op: 'Expand', name: 'expand [1,3] to [2,3]', build: (x, like) => expandLike(x, like), inputs: [{ shape: [1, 3] }, { shape: [2, 3], constant: true }] },
  // LayerNormalization: float32 only (its saved statistics are float32 in ONNX Runtime).
  { op: 'LayerNormalization', name: 'layer norm of [2,3,4] over the last axis (float32)', build: (x, g, b) => layerNormalization(x, g, b, 1e-5), inputs: [{ shape: [2, 3, 4] }, { shape: [4] }, { shape: [4] }], ...F32 },
  { op: 'LayerNormalization', name: 'layer norm of a vector [5] (float32)', build: (x, g, b) => layerNormalization(x, g, b, 1e-5), inputs: [{ shape: [5] }, { shape: [5] }, { shape: [5] }], ...F32 },
  // Gather: repeated indices, so the scatter-add must accumulate.
  { op: 'Gather', name: 'gather rows [2,0,2,3,2] of [4,3]', build: gather, inputs: [{ shape: [4, 3] }, idx([5], [2, 0, 2, 3, 2])] },
  { op: 'Gather', name: 'gather 2-D indices [[1,1],[0,1]] of [3,2]', build: gather, inputs: [{ shape: [3, 2] }, idx([2, 2], [1, 1, 0, 1])] },
  { op: 'Gather', name: 'gather int32 indices [0,-1,2,-1] of [3,2]', build: gather, inputs: [{ shape: [3, 2] }, { shape: [4], dtype: 'int32', constant: true, data: [0, -1, 2, -1] }] },
];

/** Rules checked by a dedicated test rather than finite differences (see below). */
const specialCases = ['Dropout', 'StopGradient'];

const measured: { op: string; name: string; dtype: string; maxRel: number }[] = [];

describe('gradient rules vs finite differences', () => {
  it.each(cases.map((c) => [`${c.op}: ${c.name}`, c] as const))('%s', async (_label, c) => {
    const dtype = c.dtype ?? 'float64';
    const res = await gradCheck(c.build, c.inputs, { dtype, eps: c.eps });
    measured.push({ op: c.op, name: c.name, dtype, maxRel: res.maxRelError });
    expect(res.maxRelError, JSON.stringify(res.worst)).toBeLessThan(c.tol ?? (dtype === 'float64' ? F64_TOL : F32.tol));
  });

  afterAll(() => {
    if (!process.env.GRADCHECK_REPORT) return;
    for (const m of measured) console.log(`${m.op}\t${m.dtype}\t${m.maxRel.toExponential(1)}\t${m.name}`);
  });
});

describe('every gradient rule is tested', () => {
  it('has a case for each registered rule', () => {
    const covered = new Set([...cases.map((c) => c.op), ...specialCases]);
    const missing = registeredGrads().filter((op) => !covered.has(op));
    expect(missing, `add a case to gradients.test.ts for: ${missing.join(', ')}`).toEqual([]);
  });

  it('names only registered rules', () => {
    const registered = new Set(registeredGrads());
    const unknown = [...new Set([...cases.map((c) => c.op), ...specialCases])].filter((op) => !registered.has(op));
    expect(unknown).toEqual([]);
  });
});

/** Runs the graph once and returns the named outputs as plain arrays. */
async function runOnce(
  g: Graph,
  inputs: { t: Tensor; data: number[]; shape?: number[] }[],
  outputs: Record<string, Tensor>,
  threads = 1,
): Promise<Record<string, number[]>> {
  const session = await getSession(toOnnx(g, { inputs: inputs.map((i) => i.t), outputs }), { threads });
  const feeds = Object.fromEntries(
    inputs.map(({ t, data, shape }) => [t.name, toOrt(t.dtype, makeArray(t.dtype, data), shape ?? (t.shape as number[]))]),
  );
  const res = await session.run(feeds);
  return Object.fromEntries(Object.keys(outputs).map((k) => [k, Array.from(res[k].data as ArrayLike<number | bigint | boolean>, Number)]));
}

describe('symbolic batch dimension', () => {
  // Training graphs declare the batch as a name; the rules then take their runtime-shape
  // paths (Shape/Expand/Reshape to a runtime shape, ReduceMean's runtime count, the folded
  // weight GEMM with a -1). Gradients must match the same graph built with static shapes.
  const xData = Array.from({ length: 12 }, (_, i) => Math.sin(i + 1));
  const wData = Array.from({ length: 6 }, (_, i) => Math.cos(2 * i + 1));
  const bData = [0.3, -0.2];
  const build = (x: Tensor, w: Tensor, b: Tensor) => {
    const h = add(matmul(x, w), b); // [batch, 2, 2]
    const p = logSoftmax(h, 1);
    const m = reduceMax(tanh(h), -1, true);
    return reduceMean(add(mul(p, p), m), [0, 1]);
  };
  const gradsFor = async (batch: number | string) => {
    const g = new Graph();
    const x = g.input('x', 'float64', [batch, 2, 3]);
    const w = g.input('w', 'float64', [3, 2]);
    const b = g.input('b', 'float64', [2]);
    const loss = reduceSum(build(x, w, b));
    const [dx, dw, db] = grad(loss, [x, w, b]);
    return runOnce(g, [{ t: x, data: xData, shape: [2, 2, 3] }, { t: w, data: wData }, { t: b, data: bData }], { dx, dw, db });
  };

  it('gives the same gradients as static shapes', async () => {
    const stat = await gradsFor(2);
    const sym = await gradsFor('batch');
    for (const k of ['dx', 'dw', 'db']) {
      sym[k].forEach((v, i) => expect(v, `${k}[${i}]`).toBeCloseTo(stat[k][i], 12));
    }
  });
});

describe('StopGradient', () => {
  const xData = [0.5, -1.5, 2, 0.25, -0.75, 1];
  const rData = [1.5, 0.5, -2, 1, 0.25, -1];

  it('passes exactly zero gradient', async () => {
    const g = new Graph();
    const x = g.input('x', 'float64', [2, 3]);
    const r = g.input('r', 'float64', [2, 3]);
    const [dx] = grad(reduceSum(mul(stopGradient(mul(x, x)), r)), [x]);
    const out = await runOnce(g, [{ t: x, data: xData }, { t: r, data: rData }], { dx });
    expect(out.dx).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('treats its output as a constant beside a differentiated path', async () => {
    // d/dx sum(sg(x) * x * r) = sg(x) * r, not 2 x r.
    const g = new Graph();
    const x = g.input('x', 'float64', [2, 3]);
    const r = g.input('r', 'float64', [2, 3]);
    const [dx] = grad(reduceSum(mul(mul(stopGradient(x), x), r)), [x]);
    const out = await runOnce(g, [{ t: x, data: xData }, { t: r, data: rData }], { dx });
    expect(out.dx).toEqual(xData.map((v, i) => v * rData[i]));
  });
});

describe('Gather gradient (embedding rows)', () => {
  // 4,096 lookups into 50 rows: every row repeats ~80 times. ONNX Runtime's ScatterND with
  // reduction 'add' lost updates here on 2 threads (errors up to 1.3); the rule must be exact
  // whatever the thread count.
  const rows = 50, width = 128, n = 4096;
  const idxData = Array.from({ length: n }, (_, i) => (i * 7919) % rows);
  const uData = Array.from({ length: n * width }, (_, i) => Math.sin(i * 0.37));
  const expected = new Float64Array(rows * width);
  idxData.forEach((r, i) => {
    for (let j = 0; j < width; j++) expected[r * width + j] += uData[i * width + j];
  });

  it.each([1, 2, 4])('sums repeated rows exactly on %i thread(s), with a symbolic row count', async (threads) => {
    const g = new Graph();
    const w = g.input('w', 'float32', ['rows', width]);
    const idx = g.input('idx', 'int64', [n]);
    const u = g.input('u', 'float32', [n, width]);
    const [dw] = grad(reduceSum(mul(gather(w, idx), u)), [w]);
    const out = await runOnce(g, [
      { t: w, data: new Array(rows * width).fill(0), shape: [rows, width] },
      { t: idx, data: idxData },
      { t: u, data: uData },
    ], { dw }, threads);
    expect(out.dw).toHaveLength(rows * width);
    const maxErr = out.dw.reduce((m, v, i) => Math.max(m, Math.abs(v - expected[i])), 0);
    expect(maxErr).toBeLessThan(1e-3);
  });
});

describe('Dropout', () => {
  // ONNX Runtime's Dropout kernel advances its generator on every run, so the mask differs
  // between the perturbed forward runs that finite differences need. Instead, one run
  // returns the output, the mask and the gradient together, and the test checks the rule
  // dx = dy * mask / (1 - p) (and y = x * mask / (1 - p)) against that run's own mask.
  it('scales the upstream gradient by mask / (1 - p)', async () => {
    const p = 0.25;
    const g = new Graph();
    const x = g.input('x', 'float64', [4, 8]);
    const r = g.input('r', 'float64', [4, 8]);
    const y = dropout(x, p, 7);
    const mask = y.producer!.outputs[1];
    const [dx] = grad(reduceSum(mul(y, r)), [x]);
    const xData = Array.from({ length: 32 }, (_, i) => 0.5 + i / 8);
    const rData = Array.from({ length: 32 }, (_, i) => ((i * 7) % 11) - 5 + 0.5);
    const out = await runOnce(g, [{ t: x, data: xData }, { t: r, data: rData }], { y, mask: cast(mask, 'float64'), dx });
    const kept = out.mask.filter((m) => m === 1).length;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(32);
    out.mask.forEach((m, i) => {
      expect(out.y[i]).toBeCloseTo((xData[i] * m) / (1 - p), 12);
      expect(out.dx[i]).toBeCloseTo((rData[i] * m) / (1 - p), 12);
    });
  });
});

describe('autodiff errors', () => {
  it('names an op without a gradient rule that lies between loss and parameter', () => {
    const g = new Graph();
    const x = g.input('x', 'float64', [2, 3]);
    const loss = reduceSum(reduceProd(x, 1));
    expect(() => grad(loss, [x])).toThrow(ShapeError);
    expect(() => grad(loss, [x])).toThrow(/ReduceProd has no gradient rule/);
  });

  it('explains that a padded symbolic axis cannot be differentiated', () => {
    const g = new Graph();
    const x = g.input('x', 'float64', ['batch', 3]);
    expect(() => grad(reduceSum(pad(x, [1, 0], [0, 0])), [x])).toThrow(/Pad gradient: padded axis 0 .* is symbolic/);
  });

  it('reports a MatMul shape mismatch at build time with both shapes', () => {
    const g = new Graph();
    const a = g.input('a', 'float64', [2, 3]);
    const b = g.input('b', 'float64', [4, 5]);
    expect(() => matmul(a, b)).toThrow(ShapeError);
    expect(() => matmul(a, b)).toThrow(/MatMul.*\[2, 3\].*\[4, 5\]/);
  });
});
