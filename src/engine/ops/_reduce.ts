import { apply1, registerOp } from '../op.js';
import { normalizeAxis } from '../shape.js';
import type { Dim, Tensor } from '../tensor.js';

/** A reduction over `axes` (all axes when omitted), keeping or dropping them. */
export function reduceOp(name: string): void {
  registerOp({
    name,
    infer([x], attrs) {
      const axes = attrs._axes as number[];
      const keep = attrs.keepdims === 1;
      const shape: Dim[] = [];
      x.shape.forEach((d, i) => {
        if (axes.includes(i)) {
          if (keep) shape.push(1);
        } else shape.push(d);
      });
      return [{ dtype: x.dtype, shape }];
    },
  });
}

export function reduce(name: string, x: Tensor, axes?: number | number[], keepDims = false): Tensor {
  const list = axes === undefined ? x.shape.map((_, i) => i) : Array.isArray(axes) ? axes : [axes];
  const norm = [...new Set(list.map((a) => normalizeAxis(name, a, x.rank)))].sort((a, b) => a - b);
  return apply1(name, [x, x.graph.int64s(norm)], { keepdims: keepDims ? 1 : 0, _axes: norm });
}
