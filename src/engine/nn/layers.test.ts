// Layer API misuse fails when the graph is built, with the op and both shapes named.
import { describe, expect, it } from 'vitest';
import {
  Graph, Linear, LayerNorm, MLP, MultiHeadAttention, ParamLayout, ShapeError, Trainer, TransformerEncoder, makeCtx,
  softmaxCrossEntropy, type Ctx, type Module, type ParamSpec, type Tensor,
} from '../index.js';

/** A forward context whose parameters are graph inputs named after the layout. */
function ctxFor(module: Module, graph = new Graph()): Ctx {
  const layout = new ParamLayout(module);
  const params = new Map<ParamSpec, Tensor>(layout.entries.map((e) => [e.spec, graph.input(e.name, 'float32', e.spec.shape)]));
  return makeCtx(graph, false, 0, (spec) => params.get(spec)!);
}

function shapeErrorOf(f: () => unknown): ShapeError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ShapeError);
    return e as ShapeError;
  }
  throw new Error('expected a ShapeError, but nothing was thrown');
}

describe('shape errors at build time', () => {
  it('Linear(10, 5) on a [batch, 7] input names MatMul and both shapes', () => {
    const lin = new Linear(10, 5);
    const ctx = ctxFor(lin);
    const x = ctx.graph.input('x', 'float32', ['batch', 7]);
    const err = shapeErrorOf(() => lin.forward(ctx, x));
    expect(err.message).toContain('MatMul');
    expect(err.message).toContain('[batch, 7]');
    expect(err.message).toContain('[10, 5]');
  });

  it('the same mistake surfaces from Trainer.create, before any session is made', async () => {
    const module = new MLP([10, 4, 2]);
    const err = await Trainer.create({
      module,
      inputs: { x: { dtype: 'float32', shape: ['batch', 7] }, t: { dtype: 'float32', shape: ['batch', 2] } },
      loss: (ctx, { x, t }, m) => softmaxCrossEntropy(m.forward(ctx, x), t),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShapeError);
    expect((err as Error).message).toMatch(/MatMul.*\[batch, 7\].*\[10, 4\]/);
  });

  it('a loss that is not a scalar is rejected by Trainer.create', async () => {
    const err = await Trainer.create({
      module: new Linear(3, 2),
      inputs: { x: { dtype: 'float32', shape: ['batch', 3] } },
      loss: (ctx, { x }, m) => m.forward(ctx, x),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ShapeError);
    expect((err as Error).message).toContain('scalar');
  });

  it('LayerNorm over the wrong width names the broadcast and both shapes', () => {
    const ln = new LayerNorm(8);
    const ctx = ctxFor(ln);
    const err = shapeErrorOf(() => ln.forward(ctx, ctx.graph.input('x', 'float32', ['batch', 6])));
    expect(err.message).toContain('[batch, 6]');
    expect(err.message).toContain('[8]');
  });

  it('attention heads must divide the width; the encoder rejects sequences longer than maxLen', () => {
    expect(() => new MultiHeadAttention(10, 3)).toThrow(/not divisible/);
    const enc = new TransformerEncoder({ vocabSize: 5, maxLen: 4, dim: 8, heads: 2, layers: 1 });
    const ctx = ctxFor(enc);
    const ids = ctx.graph.input('ids', 'int64', ['batch', 6]);
    const mask = ctx.graph.input('mask', 'float32', ['batch', 6]);
    expect(() => enc.hidden(ctx, ids, mask)).toThrow(/sequence length 6 .*maxLen 4/);
  });

  it('a correctly wired layer builds and has the documented output shape', () => {
    const lin = new Linear(10, 5);
    const ctx = ctxFor(lin);
    expect(lin.forward(ctx, ctx.graph.input('x', 'float32', ['batch', 10])).shape).toEqual(['batch', 5]);
  });
});
