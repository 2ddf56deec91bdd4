import { ShapeError } from '../errors.js';
import { apply1, registerOp } from '../op.js';
import { normalizeAxis } from '../shape.js';
import type { Dim, Tensor } from '../tensor.js';

registerOp({
  name: 'Slice',
  infer([x], attrs) {
    const starts = attrs._starts as number[];
    const ends = attrs._ends as number[];
    const axes = attrs._axes as number[];
    const shape: Dim[] = [...x.shape];
    axes.forEach((a, i) => {
      const d = x.shape[a];
      if (typeof d !== 'number') throw new ShapeError(`Slice: axis ${a} of ${x.name} is symbolic (${d}); slice along a known dimension`);
      const s = clampIndex(starts[i], d);
      const e = clampIndex(ends[i], d);
      if (e <= s) throw new ShapeError(`Slice: empty range [${starts[i]}, ${ends[i]}) on axis ${a} of size ${d}`);
      shape[a] = e - s;
    });
    return [{ dtype: x.dtype, shape }];
  },
});

export function clampIndex(i: number, d: number): number {
  const j = i < 0 ? i + d : i;
  return Math.max(0, Math.min(d, j));
}

/** x[start:end] along each listed axis (step 1). */
export function slice(x: Tensor, starts: number[], ends: number[], axes?: number[]): Tensor {
  const ax = (axes ?? starts.map((_, i) => i)).map((a) => normalizeAxis('Slice', a, x.rank));
  const g = x.graph;
  return apply1('Slice', [x, g.int64s(starts), g.int64s(ends), g.int64s(ax)], { _starts: starts, _ends: ends, _axes: ax });
}
