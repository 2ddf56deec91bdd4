import { apply1, registerOp } from '../op.js';
import type { Tensor } from '../tensor.js';

registerOp({
  name: 'Shape',
  infer([x]) {
    return [{ dtype: 'int64', shape: [x.rank] }];
  },
});

/** The runtime shape of x as a 1-D int64 tensor. */
export function shapeOf(x: Tensor): Tensor {
  return apply1('Shape', [x]);
}
