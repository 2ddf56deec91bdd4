import { ShapeError } from '../errors.js';
import { apply1, registerOp, requireSameDtype } from '../op.js';
import { broadcastShapes } from '../shape.js';
import { formatShape, type Dim, type Tensor } from '../tensor.js';

registerOp({
  name: 'MatMul',
  infer([a, b]) {
    requireSameDtype('MatMul', a, b);
    if (a.rank < 1 || b.rank < 1) throw new ShapeError('MatMul: operands must have rank >= 1');
    if (a.rank === 1 || b.rank === 1) throw new ShapeError(`MatMul: rank-1 operands are not supported (got ${formatShape(a.shape)} @ ${formatShape(b.shape)}); reshape to 2-D`);
    const k1 = a.shape[a.rank - 1];
    const k2 = b.shape[b.rank - 2];
    if (k1 !== k2) {
      throw new ShapeError(`MatMul: inner dimensions differ: ${a.name}${formatShape(a.shape)} @ ${b.name}${formatShape(b.shape)} (${k1} vs ${k2})`);
    }
    const batch = broadcastShapes('MatMul', a.shape.slice(0, -2), b.shape.slice(0, -2));
    const out: Dim[] = [...batch, a.shape[a.rank - 2], b.shape[b.rank - 1]];
    return [{ dtype: a.dtype, shape: out }];
  },
});

/** Matrix product with numpy batch broadcasting over leading dimensions. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  return apply1('MatMul', [a, b]);
}
