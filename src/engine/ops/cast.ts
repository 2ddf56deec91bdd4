import { ONNX_ELEM_TYPE, type DType } from '../dtype.js';
import { apply1, registerOp } from '../op.js';
import type { Tensor } from '../tensor.js';

registerOp({
  name: 'Cast',
  infer([x], attrs) {
    return [{ dtype: attrs._to as DType, shape: x.shape }];
  },
});

/** Converts x to another element type. */
export function cast(x: Tensor, to: DType): Tensor {
  if (x.dtype === to) return x;
  return apply1('Cast', [x], { to: ONNX_ELEM_TYPE[to], _to: to });
}
