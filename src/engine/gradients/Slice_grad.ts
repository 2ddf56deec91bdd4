import { registerGrad } from '../gradient.js';
import { pad } from '../ops/pad.js';
import { clampIndex } from '../ops/slice.js';

// The slice's gradient is dy zero-padded back into the input's extent.
registerGrad({
  op: 'Slice',
  grad: ({ inputs: [x], attrs }, [dy]) => {
    const before = new Array<number>(x.rank).fill(0);
    const after = new Array<number>(x.rank).fill(0);
    (attrs._axes as number[]).forEach((a, i) => {
      const d = x.shape[a] as number;
      before[a] = clampIndex((attrs._starts as number[])[i], d);
      after[a] = d - clampIndex((attrs._ends as number[])[i], d);
    });
    return [pad(dy!, before, after), null, null, null];
  },
});
