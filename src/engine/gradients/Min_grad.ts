import { registerGrad } from '../gradient.js';
import { less } from '../ops/less.js';
import { where } from '../ops/where.js';
import { unbroadcast } from './_util.js';

// Ties send the gradient to b.
registerGrad({
  op: 'Min',
  grad: ({ inputs: [a, b] }, [dy]) => {
    const aWins = less(a, b);
    return [unbroadcast(where(aWins, dy!, 0), a), unbroadcast(where(aWins, 0, dy!), b)];
  },
});
