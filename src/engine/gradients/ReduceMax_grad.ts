import { registerGrad } from '../gradient.js';
import { cast } from '../ops/cast.js';
import { div } from '../ops/div.js';
import { equal } from '../ops/equal.js';
import { mul } from '../ops/mul.js';
import { reduceSum } from '../ops/reduce_sum.js';
import { expandReduced, keptOutput } from './_reduce_grad.js';

// The gradient goes to the maxima, shared equally between ties.
registerGrad({
  op: 'ReduceMax',
  grad: (node, [dy]) => {
    const x = node.inputs[0];
    const mask = cast(equal(x, keptOutput(node)), x.dtype);
    const ties = reduceSum(mask, node.attrs._axes as number[], true);
    return [mul(expandReduced(node, dy!), div(mask, ties)), null];
  },
});
