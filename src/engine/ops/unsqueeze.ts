import { apply1, registerOp } from '../op.js';
import type { Dim, Tensor } from '../tensor.js';

registerOp({
  name: 'Unsqueeze',
  infer([x], attrs) {
    const axes = attrs._axes as number[];
    const out: Dim[] = [...x.shape];
    for (const a of axes) out.splice(a, 0, 1);
    return [{ dtype: x.dtype, shape: out }];
  },
});

/** Inserts size-1 axes at the given positions (of the output). */
export function unsqueeze(x: Tensor, axes: number | number[]): Tensor {
  const rank = x.rank + (Array.isArray(axes) ? axes.length : 1);
  const list = (Array.isArray(axes) ? axes : [axes]).map((a) => (a < 0 ? a + rank : a)).sort((a, b) => a - b);
  return apply1('Unsqueeze', [x, x.graph.int64s(list)], { _axes: list });
}
