import { registerGrad } from '../gradient.js';
import { greater } from '../ops/greater.js';
import { less } from '../ops/less.js';
import { where } from '../ops/where.js';

// The gradient passes where min <= x <= max.
registerGrad({
  op: 'Clip',
  grad: ({ inputs: [x, lo, hi] }, [dy]) => [where(less(x, lo), 0, where(greater(x, hi), 0, dy!)), null, null],
});
