import { apply1, registerOp, requireFloat } from '../op.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';

registerOp({
  name: 'Softmax',
  infer([x]) {
    requireFloat('Softmax', x);
    return [{ dtype: x.dtype, shape: x.shape }];
  },
});

/** Softmax along `axis` (default: the last). */
export function softmax(x: Tensor, axis = -1): Tensor {
  return apply1('Softmax', [x], { axis: normalizeAxis('Softmax', axis, x.rank) });
}
