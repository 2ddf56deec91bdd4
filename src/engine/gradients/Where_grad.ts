import { registerGrad } from '../gradient.js';
import { where } from '../ops/where.js';
import { unbroadcast } from './_util.js';

registerGrad({
  op: 'Where',
  grad: ({ inputs: [c, a, b] }, [dy]) => [null, unbroadcast(where(c, dy!, 0), a), unbroadcast(where(c, 0, dy!), b)],
});
