import { registerGrad } from '../gradient.js';
import { mul } from '../ops/mul.js';
import { reduceSum } from '../ops/reduce_sum.js';
import { sub } from '../ops/sub.js';

// dx = y * (dy - sum(dy * y))
registerGrad({
  op: 'Softmax',
  grad: ({ outputs: [y], attrs }, [dy]) => [mul(y, sub(dy!, reduceSum(mul(dy!, y), attrs.axis as number, true)))],
});
