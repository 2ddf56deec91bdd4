import { ShapeError } from '../errors.js';
import { registerGrad } from '../gradient.js';
import { slice } from '../ops/slice.js';
import { formatShape } from '../tensor.js';

// The pad's gradient is the slice of dy that covers the original input.
registerGrad({
  op: 'Pad',
  grad: ({ inputs: [x], attrs }, [dy]) => {
    const pads = attrs._pads as number[];
    const axes: number[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    for (let i = 0; i < x.rank; i++) {
      if (pads[i] === 0 && pads[i + x.rank] === 0) continue;
      const d = x.shape[i];
      if (typeof d !== 'number') {
        throw new ShapeError(`Pad gradient: padded axis ${i} of ${x.name}${formatShape(x.shape)} is symbolic (${d}); pad along a known dimension`);
      }
      axes.push(i);
      starts.push(pads[i]);
      ends.push(pads[i] + d);
    }
    return [axes.length ? slice(dy!, starts, ends, axes) : dy!, null];
  },
});
