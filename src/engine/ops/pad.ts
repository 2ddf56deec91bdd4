import { apply1, registerOp } from '../op.js';
import type { Dim, Tensor } from '../tensor.js';

registerOp({
  name: 'Pad',
  infer([x], attrs) {
    const pads = attrs._pads as number[];
    const r = x.rank;
    const shape: Dim[] = x.shape.map((d, i) => (pads[i] === 0 && pads[i + r] === 0 ? d : typeof d === 'number' ? d + pads[i] + pads[i + r] : `${d}+${pads[i] + pads[i + r]}`));
    return [{ dtype: x.dtype, shape }];
  },
});

/** Zero padding: `before[i]` and `after[i]` elements on each axis. */
export function pad(x: Tensor, before: number[], after: number[]): Tensor {
  const pads = [...before, ...after];
  return apply1('Pad', [x, x.graph.int64s(pads)], { mode: 'constant', _pads: pads });
}
