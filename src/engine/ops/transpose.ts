import { ShapeError } from '../errors.js';
import { apply1, registerOp } from '../op.js';
import type { Tensor } from '../tensor.js';

registerOp({
  name: 'Transpose',
  infer([x], attrs) {
    const perm = attrs.perm as number[];
    const sorted = [...perm].sort((a, b) => a - b);
    if (perm.length !== x.rank || sorted.some((p, i) => p !== i)) {
      throw new ShapeError(`Transpose: perm [${perm}] is not a permutation of the ${x.rank} axes of ${x.name}`);
    }
    return [{ dtype: x.dtype, shape: perm.map((p) => x.shape[p]) }];
  },
});

/** Permutes axes; by default swaps the last two. */
export function transpose(x: Tensor, perm?: number[]): Tensor {
  const p = perm ?? [...x.shape.keys()].map((i) => (i === x.rank - 2 ? x.rank - 1 : i === x.rank - 1 ? x.rank - 2 : i));
  return apply1('Transpose', [x], { perm: p });
}
