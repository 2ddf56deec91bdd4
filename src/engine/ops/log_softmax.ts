import { apply1, registerOp, requireFloat } from '../op.js';
import { normalizeAxis } from '../shape.js';
import type { Tensor } from '../tensor.js';

registerOp({
  name: 'LogSoftmax',
  infer([x]) {
    requireFloat('LogSoftmax', x);
    return [{ dtype: x.dtype, shape: x.shape }];
  },
});

/** LogSoftmax along `axis` (default: the last). */
export function logSoftmax(x: Tensor, axis = -1): Tensor {
  return apply1('LogSoftmax', [x], { axis: normalizeAxis('LogSoftmax', axis, x.rank) });
}
