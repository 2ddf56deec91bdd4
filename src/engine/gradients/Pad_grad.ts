import { registerGrad } from '../gradient.js';
import { slice } from '../ops/slice.js';

registerGrad({
  op: 'Pad',
  grad: ({ inputs: [x], attrs }, [dy]) => {
    const pads = attrs._pads as number[];
    const axes: number[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    for (let i = 0; i < x.rank; i++) {
      if (pads[i] === 0 && pads[i + x.rank] === 0) continue;
      axes.push(i);
      starts.push(pads[i]);
      ends.push(pads[i] + (x.shape[i] as number));
    }
    return [axes.length ? slice(dy!, starts, ends, axes) : dy!, null];
  },
});
