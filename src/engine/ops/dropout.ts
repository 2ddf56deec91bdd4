import { ShapeError } from '../errors.js';
import { applyOp, registerOp } from '../op.js';
import type { Tensor } from '../tensor.js';

registerOp({
  name: 'Dropout',
  infer([x]) {
    return [
      { dtype: x.dtype, shape: x.shape },
      { dtype: 'bool', shape: x.shape },
    ];
  },
});

/**
 * Inverted dropout in training mode with an explicit seed: the mask stream is
 * fixed by the seed, so a run is reproducible. Identity when rate is 0.
 */
export function dropout(x: Tensor, rate: number, seed: number): Tensor {
  if (!(rate >= 0 && rate < 1)) throw new ShapeError(`Dropout: rate must be in [0, 1), got ${rate}`);
  if (!Number.isSafeInteger(seed)) throw new ShapeError(`Dropout: seed must be an integer, got ${seed}`);
  if (rate === 0) return x;
  const g = x.graph;
  const ratio = g.scalar(rate, x.dtype);
  const training = g.constant({ dtype: 'bool', shape: [], data: Uint8Array.from([1]) });
  return applyOp('Dropout', [x, ratio, training], { seed, _rate: rate }).outputs[0];
}
