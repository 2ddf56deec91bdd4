import { ShapeError } from '../errors.js';
import { apply1, asTensor, registerOp, requireSameDtype, type Operand } from '../op.js';
import { broadcastShapes } from '../shape.js';
import type { Tensor } from '../tensor.js';

registerOp({
  name: 'Where',
  infer([c, a, b]) {
    if (c.dtype !== 'bool') throw new ShapeError(`Where: condition ${c.name} must be bool, got ${c.dtype}`);
    requireSameDtype('Where', a, b);
    return [{ dtype: a.dtype, shape: broadcastShapes('Where', broadcastShapes('Where', c.shape, a.shape), b.shape) }];
  },
});

/** Elementwise cond ? a : b with broadcasting. */
export function where(cond: Tensor, a: Operand, b: Operand): Tensor {
  if (typeof a === 'number' && typeof b === 'number') throw new ShapeError('Where: a or b must be a tensor');
  const ta = typeof a === 'number' ? asTensor(a, b as Tensor) : a;
  return apply1('Where', [cond, ta, asTensor(b, ta)]);
}
