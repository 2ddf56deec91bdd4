import { Predictor, slice, softmax, withPredictor, type Ctx, type Tensor } from '../../engine/index.js';
import { encoderInputs, type FinetuneModel, type HeadStandardizer } from './model.js';
import { lengthOrder, rowCount, rowLengths, tokenBatch, type TokenRows } from './tokens.js';

/** The graph inputs of a FinetuneModel batch (tokens.ts builds their values). */
export const ENCODER_INPUTS = {
  ids: { dtype: 'int64', shape: ['batch', 'seq'] },
  mask: { dtype: 'float32', shape: ['batch', 'seq'] },
  positions: { dtype: 'int64', shape: ['seq'] },
  focus: { dtype: 'int64', shape: ['batch'] },
} as const;

type Output = (ctx: Ctx, m: FinetuneModel, inputs: Record<string, Tensor>) => Tensor;

/**
 * Runs a FinetuneModel over token rows in length-sorted batches (each at its
 * real length) and returns one output row per input row, in input order.
 * With `theta` the weights are baked into the session; `perCall` feeds them
 * each run instead (cheap to build, for scoring epochs during training).
 */
export async function runRows(opts: {
  model: FinetuneModel;
  output: Output;
  width: number;
  tokens: TokenRows;
  theta: Float32Array;
  perCall?: boolean;
  threads?: number;
  batchSize?: number;
}): Promise<Float32Array> {
  const { model, tokens, width } = opts;
  const n = rowCount(tokens);
  const out = new Float32Array(n * width);
  if (n === 0) return out;
  const lengths = rowLengths(tokens);
  const order = lengthOrder(lengths);
  const bs = opts.batchSize ?? 256;
  const predictor = Predictor.create(
    { module: model, inputs: ENCODER_INPUTS, forward: (ctx, inputs, m) => ({ y: opts.output(ctx, m, inputs) }), runtime: { threads: opts.threads } },
    opts.perCall ? undefined : opts.theta,
  );
  await withPredictor(predictor, async (p) => {
    for (let start = 0; start < n; start += bs) {
      const rows = order.subarray(start, Math.min(n, start + bs));
      const b = tokenBatch(tokens, rows, lengths);
      const r = await p.run({ ids: b.ids, mask: b.mask, positions: b.positions, focus: b.focus }, opts.perCall ? opts.theta : undefined);
      const y = r.y.data as Float32Array;
      for (let i = 0; i < rows.length; i++) out.set(y.subarray(i * width, (i + 1) * width), rows[i] * width);
    }
  });
  return out;
}

/** Class probabilities [n, k] (auxiliary outputs past the k classes dropped). */
export function classProbs(k: number, s: HeadStandardizer): Output {
  return (ctx, m, x) => {
    const logits = m.logits(ctx, encoderInputs(x), s);
    return softmax(m.outputs > k ? slice(logits, [0], [k], [1]) : logits);
  };
}

/** The head's raw input features [n, 3d] (to fit the standardizer). */
export const headFeatures: Output = (ctx, m, x) => m.features(ctx, encoderInputs(x));
