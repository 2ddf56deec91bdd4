import { registerGrad } from '../gradient.js';
import { mul } from '../ops/mul.js';
import { unbroadcast } from './_util.js';

registerGrad({
  op: 'Mul',
  grad: ({ inputs: [a, b] }, [dy]) => [unbroadcast(mul(dy!, b), a), unbroadcast(mul(dy!, a), b)],
});
