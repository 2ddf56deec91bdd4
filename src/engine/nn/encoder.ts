import { add, div, gather, matmul, mul, reduceSum, reshape, slice, sub, transpose, unsqueeze, type Tensor } from '../index.js';
import { Embedding, LayerNorm, TransformerBlock } from './layers.js';
import { Module, type Ctx } from './module.js';

export interface EncoderConfig {
  vocabSize: number;
  maxLen: number;
  dim: number;
  heads: number;
  layers: number;
  ffDim?: number;
  dropout?: number;
}

/**
 * A small transformer encoder over token ids: token + position embeddings,
 * pre-norm blocks, a final LayerNorm. Outputs hidden states [B, T, d] and a
 * masked-mean pooled representation [B, d].
 */
export class TransformerEncoder extends Module {
  readonly tokens: Embedding;
  readonly positions: Embedding;
  readonly blocks: TransformerBlock[];
  readonly lnFinal: LayerNorm;
  constructor(readonly config: EncoderConfig) {
    super();
    const { vocabSize, maxLen, dim, heads, layers } = config;
    this.tokens = this.module('tok', new Embedding(vocabSize, dim));
    this.positions = this.module('pos', new Embedding(maxLen, dim));
    this.blocks = Array.from({ length: layers }, (_, i) =>
      this.module(`block${i}`, new TransformerBlock(dim, heads, config.ffDim ?? 4 * dim, config.dropout ?? 0)),
    );
    this.lnFinal = this.module('ln_f', new LayerNorm(dim));
  }

  /**
   * ids: int64 [B, T]; mask: float [B, T], 1 for tokens, 0 for padding. T is
   * a known length <= maxLen, or symbolic when `positions` (int64 [T], the
   * position ids 0..T-1) is given: one graph then runs batches of any length.
   */
  hidden(ctx: Ctx, ids: Tensor, mask: Tensor, positions?: Tensor): Tensor {
    let posTable: Tensor;
    if (positions) posTable = gather(ctx.p(this.positions.table), positions);
    else {
      const T = ids.shape[1];
      if (typeof T !== 'number' || T > this.config.maxLen) throw new Error(`TransformerEncoder: sequence length ${T} must be known and <= maxLen ${this.config.maxLen}, or give position ids`);
      posTable = slice(ctx.p(this.positions.table), [0], [T], [0]);
    }
    let h = add(this.tokens.forward(ctx, ids), posTable);
    const maskBias = unsqueeze(mul(sub(mask, 1), 1e9), [1, 2]);
    for (const b of this.blocks) h = b.forward(ctx, h, maskBias);
    return this.lnFinal.forward(ctx, h);
  }

  /** Mean of the hidden states over real tokens. */
  pooled(ctx: Ctx, hidden: Tensor, mask: Tensor): Tensor {
    const m = unsqueeze(mask, -1);
    return div(reduceSum(mul(hidden, m), 1), add(reduceSum(m, 1), 1e-6));
  }

  /**
   * Logits over the vocabulary at selected positions, tied to the token
   * embedding: rows of the flattened hidden states [B*T, d] picked by
   * `positions` (int64 [M]), times E^T. Used by masked-language-model pretraining.
   */
  tiedLogits(ctx: Ctx, hidden: Tensor, positions: Tensor): Tensor {
    const rows = gather(reshape(hidden, [-1, this.config.dim]), positions);
    return matmul(rows, transpose(ctx.p(this.tokens.table)));
  }
}
