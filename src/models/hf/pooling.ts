/** How a sequence of hidden states becomes one vector per text. */
export const POOLINGS = ['mean', 'cls', 'last'] as const;
export type Pooling = (typeof POOLINGS)[number];

/**
 * Pooling as weights over positions, [B, T] row-major: `mean` spreads 1/n over
 * the n real tokens, `cls` puts 1 on the first token, `last` on the last real
 * one. The pooled vector is sum_t w[b, t] h[b, t, :] — the same formula on the
 * host (features) and in an engine graph (fine-tuning).
 */
export function poolingWeights(mask: ArrayLike<number | bigint>, batch: number, seqLen: number, kind: Pooling): Float32Array {
  const w = new Float32Array(batch * seqLen);
  for (let b = 0; b < batch; b++) {
    let n = 0;
    let last = -1;
    for (let t = 0; t < seqLen; t++) {
      if (Number(mask[b * seqLen + t]) !== 0) {
        n++;
        last = t;
      }
    }
    if (n === 0) throw new Error(`pooling: row ${b} has no real tokens (an all-zero attention mask)`);
    if (kind === 'mean') {
      for (let t = 0; t < seqLen; t++) if (Number(mask[b * seqLen + t]) !== 0) w[b * seqLen + t] = 1 / n;
    } else w[b * seqLen + (kind === 'cls' ? 0 : last)] = 1;
  }
  return w;
}

/** sum_t w[b, t] h[b, t, :] for hidden states h [B, T, H]: [B, H]. */
export function poolHidden(hidden: Float32Array, weights: Float32Array, batch: number, seqLen: number, dim: number): Float32Array {
  const out = new Float32Array(batch * dim);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < seqLen; t++) {
      const w = weights[b * seqLen + t];
      if (w === 0) continue;
      const src = (b * seqLen + t) * dim;
      for (let d = 0; d < dim; d++) out[b * dim + d] += w * hidden[src + d];
    }
  }
  return out;
}
