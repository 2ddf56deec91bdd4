import { registerGrad } from '../gradient.js';
import { greater } from '../ops/greater.js';
import { where } from '../ops/where.js';
import { unbroadcast } from './_util.js';

// Ties send the gradient to b.
registerGrad({
  op: 'Max',
  grad: ({ inputs: [a, b] }, [dy]) => {
    const aWins = greater(a, b);
    return [unbroadcast(where(aWins, dy!, 0), a), unbroadcast(where(aWins, 0, dy!), b)];
  },
});
