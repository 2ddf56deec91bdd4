import {
  MLP, Module, TransformerEncoder, add, concat, gather, mul, reshape, sub, unsqueeze, type Ctx, type EncoderConfig, type Tensor,
} from '../../engine/index.js';

/** Encoder inputs at a batch's real length (see tokens.ts). */
export interface EncoderInputs {
  ids: Tensor;
  mask: Tensor;
  positions: Tensor;
  focus: Tensor;
}

/** Feature standardisation of the head's input, fitted on the training rows under the starting weights. */
/** The encoder inputs among a graph's named inputs. */
export function encoderInputs(inputs: Record<string, Tensor>): EncoderInputs {
  const { ids, mask, positions, focus } = inputs;
  if (!ids || !mask || !positions || !focus) throw new Error('FinetuneModel: the graph needs inputs ids, mask, positions and focus (see ENCODER_INPUTS)');
  return { ids, mask, positions, focus };
}

export interface HeadStandardizer {
  mean: Float32Array;
  scale: Float32Array;
}

export const ENCODER_PREFIX = 'encoder.';
export const HEAD_PREFIX = 'head.';

/**
 * A ladder encoder with a classification head, trained end to end. The head
 * reads the same three views as the frozen-feature probe (mean of the final
 * hidden states, the focus token's state, mean of the token embeddings), so a
 * fine-tuned student and its probe twin differ only in what is trained.
 */
export class FinetuneModel extends Module {
  readonly encoder: TransformerEncoder;
  readonly head: MLP;
  constructor(
    readonly encoderConfig: EncoderConfig,
    readonly outputs: number,
    readonly hidden: readonly number[],
  ) {
    super();
    this.encoder = this.module('encoder', new TransformerEncoder(encoderConfig));
    this.head = this.module('head', new MLP([this.featureDim, ...hidden, outputs], { zeroInitOutput: true }));
  }

  get featureDim(): number {
    return 3 * this.encoderConfig.dim;
  }

  /** The head's input [B, 3d] at the batch's real length. */
  features(ctx: Ctx, x: EncoderInputs): Tensor {
    const enc = this.encoder;
    const d = this.encoderConfig.dim;
    const tokens = enc.tokens.forward(ctx, x.ids);
    let h = add(tokens, gather(ctx.p(enc.positions.table), x.positions));
    const maskBias = unsqueeze(mul(sub(x.mask, 1), 1e9), [1, 2]);
    for (const b of enc.blocks) h = b.forward(ctx, h, maskBias);
    h = enc.lnFinal.forward(ctx, h);
    const focus = gather(reshape(h, [-1, d]), x.focus);
    return concat([enc.pooled(ctx, h, x.mask), focus, enc.pooled(ctx, tokens, x.mask)], 1);
  }

  /** Logits [B, outputs] of standardised features. */
  logits(ctx: Ctx, x: EncoderInputs, s: HeadStandardizer): Tensor {
    const g = ctx.graph;
    const dim = [this.featureDim];
    const mean = g.constant({ dtype: 'float32', shape: dim, data: s.mean }, 'feature_mean');
    const scale = g.constant({ dtype: 'float32', shape: dim, data: s.scale }, 'feature_scale');
    return this.head.forward(ctx, mul(sub(this.features(ctx, x), mean), scale));
  }
}

/** Which encoder blocks train: the top `layers` ('all': every block and the embeddings). */
export type TrainedLayers = number | 'all';

/** Whether a parameter of a FinetuneModel trains when the top `layers` blocks do (the head always does). */
export function isTrained(name: string, layers: TrainedLayers, depth: number): boolean {
  if (name.startsWith(HEAD_PREFIX) || layers === 'all') return true;
  if (!name.startsWith(ENCODER_PREFIX)) return false;
  const rest = name.slice(ENCODER_PREFIX.length);
  if (rest.startsWith('ln_f.')) return layers > 0;
  const m = /^block(\d+)\./.exec(rest);
  return m !== null && Number(m[1]) >= depth - layers;
}

export function checkLayers(layers: TrainedLayers, depth: number): void {
  if (layers === 'all') return;
  if (!Number.isInteger(layers) || layers < 0 || layers > depth) {
    throw new Error(`finetune: layers must be an integer 0..${depth} (the encoder has ${depth} blocks) or 'all', got ${String(layers)}`);
  }
}
