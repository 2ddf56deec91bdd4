import { unaryOp } from './_elementwise.js';
import { apply1 } from '../op.js';
import type { Tensor } from '../tensor.js';

/** Compiles to Identity; autodiff passes no gradient through it (sg in the literature). */
unaryOp('StopGradient', { onnxOp: 'Identity' });

/** x in the forward pass, a constant for differentiation. */
export function stopGradient(x: Tensor): Tensor {
  return apply1('StopGradient', [x]);
}
