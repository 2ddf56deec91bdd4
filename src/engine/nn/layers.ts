import { add, dropout, gather, matmul, mul, reshape, softmax, split, transpose, type Tensor } from '../index.js';
import { activation, layerNorm, linear, type Activation } from './functional.js';
import { Module, type Ctx, type ParamSpec } from './module.js';

/** y = x W + b, W: [in, out]. PyTorch's default initialisation. */
export class Linear extends Module {
  readonly w: ParamSpec;
  readonly b: ParamSpec | null;
  constructor(
    readonly inFeatures: number,
    readonly outFeatures: number,
    /** `zeroInit`: start at zero (a linear probe's usual start: no random direction to unlearn). */
    opts: { bias?: boolean; zeroInit?: boolean } = {},
  ) {
    super();
    const init = opts.zeroInit ? ({ kind: 'zeros' } as const) : ({ kind: 'fanIn', fanIn: inFeatures } as const);
    this.w = this.param('weight', [inFeatures, outFeatures], init);
    this.b = opts.bias === false ? null : this.param('bias', [outFeatures], init, false);
  }
  forward(ctx: Ctx, x: Tensor): Tensor {
    return linear(x, ctx.p(this.w), this.b ? ctx.p(this.b) : undefined);
  }
}

/** A multi-layer perceptron: Linear → activation (→ dropout) … → Linear. */
export class MLP extends Module {
  readonly layers: Linear[];
  constructor(
    readonly sizes: readonly number[],
    /** `zeroInitOutput`: the last layer starts at zero (probes). */
    readonly opts: { activation?: Activation; dropout?: number; zeroInitOutput?: boolean } = {},
  ) {
    super();
    if (sizes.length < 2) throw new Error(`MLP needs at least input and output sizes, got [${sizes}]`);
    const last = sizes.length - 2;
    this.layers = sizes.slice(1).map((out, i) => this.module(`fc${i}`, new Linear(sizes[i], out, { zeroInit: i === last && opts.zeroInitOutput })));
  }
  /** The hidden representation before the last layer (the input itself for logistic regression). */
  features(ctx: Ctx, x: Tensor): Tensor {
    let h = x;
    for (const l of this.layers.slice(0, -1)) {
      h = activation(this.opts.activation ?? 'relu', l.forward(ctx, h));
      if (ctx.training && this.opts.dropout) h = dropout(h, this.opts.dropout, ctx.nextSeed());
    }
    return h;
  }
  forward(ctx: Ctx, x: Tensor): Tensor {
    return this.layers[this.layers.length - 1].forward(ctx, this.features(ctx, x));
  }
}

export class Embedding extends Module {
  readonly table: ParamSpec;
  constructor(
    readonly count: number,
    readonly dim: number,
    std = 0.02,
  ) {
    super();
    this.table = this.param('weight', [count, dim], { kind: 'normal', std }, false);
  }
  forward(ctx: Ctx, ids: Tensor): Tensor {
    return gather(ctx.p(this.table), ids);
  }
}

export class LayerNorm extends Module {
  readonly gamma: ParamSpec;
  readonly beta: ParamSpec;
  constructor(
    readonly dim: number,
    readonly eps = 1e-5,
  ) {
    super();
    this.gamma = this.param('weight', [dim], { kind: 'ones' }, false);
    this.beta = this.param('bias', [dim], { kind: 'zeros' }, false);
  }
  forward(ctx: Ctx, x: Tensor): Tensor {
    return layerNorm(x, ctx.p(this.gamma), ctx.p(this.beta), this.eps);
  }
}

/** Multi-head self-attention with a fused QKV projection and a key padding mask. */
export class MultiHeadAttention extends Module {
  readonly qkv: Linear;
  readonly out: Linear;
  constructor(
    readonly dim: number,
    readonly heads: number,
    readonly dropoutRate = 0,
  ) {
    super();
    if (dim % heads !== 0) throw new Error(`MultiHeadAttention: dim ${dim} is not divisible by heads ${heads}`);
    this.qkv = this.module('qkv', new Linear(dim, 3 * dim));
    this.out = this.module('out', new Linear(dim, dim));
  }
  /** x: [B, T, d]; maskBias: [B, 1, 1, T] additive (0 for tokens, large negative for padding). */
  forward(ctx: Ctx, x: Tensor, maskBias?: Tensor): Tensor {
    const dh = this.dim / this.heads;
    const [q, k, v] = split(this.qkv.forward(ctx, x), [this.dim, this.dim, this.dim], -1).map((t) =>
      transpose(reshape(t, [0, 0, this.heads, dh]), [0, 2, 1, 3]),
    );
    let scores = mul(matmul(q, transpose(k)), 1 / Math.sqrt(dh));
    if (maskBias) scores = add(scores, maskBias);
    let attn = softmax(scores, -1);
    if (ctx.training && this.dropoutRate > 0) attn = dropout(attn, this.dropoutRate, ctx.nextSeed());
    const ctxv = reshape(transpose(matmul(attn, v), [0, 2, 1, 3]), [0, 0, this.dim]);
    return this.out.forward(ctx, ctxv);
  }
}

/** A pre-norm transformer encoder block: x + Attn(LN(x)), then x + FF(LN(x)). */
export class TransformerBlock extends Module {
  readonly ln1: LayerNorm;
  readonly attn: MultiHeadAttention;
  readonly ln2: LayerNorm;
  readonly ff1: Linear;
  readonly ff2: Linear;
  constructor(
    readonly dim: number,
    readonly heads: number,
    readonly ffDim = 4 * dim,
    readonly dropoutRate = 0,
  ) {
    super();
    this.ln1 = this.module('ln1', new LayerNorm(dim));
    this.attn = this.module('attn', new MultiHeadAttention(dim, heads, dropoutRate));
    this.ln2 = this.module('ln2', new LayerNorm(dim));
    this.ff1 = this.module('ff1', new Linear(dim, ffDim));
    this.ff2 = this.module('ff2', new Linear(ffDim, dim));
  }
  forward(ctx: Ctx, x: Tensor, maskBias?: Tensor): Tensor {
    let a = this.attn.forward(ctx, this.ln1.forward(ctx, x), maskBias);
    if (ctx.training && this.dropoutRate > 0) a = dropout(a, this.dropoutRate, ctx.nextSeed());
    const h = add(x, a);
    let f = this.ff2.forward(ctx, activation('gelu', this.ff1.forward(ctx, this.ln2.forward(ctx, h))));
    if (ctx.training && this.dropoutRate > 0) f = dropout(f, this.dropoutRate, ctx.nextSeed());
    return add(h, f);
  }
}
