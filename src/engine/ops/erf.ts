import { unaryOp } from './_elementwise.js';
import { apply1 } from '../op.js';
import type { Tensor } from '../tensor.js';

unaryOp('Erf', { floatOnly: true });

/** Elementwise Gauss error function (ONNX Runtime CPU: float32 only). */
export function erf(x: Tensor): Tensor {
  return apply1('Erf', [x]);
}
