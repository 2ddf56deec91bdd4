import { registerGrad } from '../gradient.js';
import { neg } from '../ops/neg.js';
import { unbroadcast } from './_util.js';

registerGrad({
  op: 'Sub',
  grad: ({ inputs: [a, b] }, [dy]) => [unbroadcast(dy!, a), unbroadcast(neg(dy!), b)],
});
