import { registerGrad } from '../gradient.js';
import { exp } from '../ops/exp.js';
import { mul } from '../ops/mul.js';
import { reduceSum } from '../ops/reduce_sum.js';
import { sub } from '../ops/sub.js';

// dx = dy - softmax(x) * sum(dy)
registerGrad({
  op: 'LogSoftmax',
  grad: ({ outputs: [y], attrs }, [dy]) => [sub(dy!, mul(exp(y), reduceSum(dy!, attrs.axis as number, true)))],
});
