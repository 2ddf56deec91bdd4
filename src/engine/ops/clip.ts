import { apply1, registerOp } from '../op.js';
import type { Tensor } from '../tensor.js';

registerOp({
  name: 'Clip',
  infer([x]) {
    return [{ dtype: x.dtype, shape: x.shape }];
  },
});

/** Elementwise clamp of x into [min, max]. */
export function clip(x: Tensor, min: number, max: number): Tensor {
  const g = x.graph;
  return apply1('Clip', [x, g.scalar(min, x.dtype), g.scalar(max, x.dtype)]);
}
