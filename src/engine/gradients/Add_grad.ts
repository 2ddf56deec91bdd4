import { registerGrad } from '../gradient.js';
import { unbroadcast } from './_util.js';

registerGrad({
  op: 'Add',
  grad: ({ inputs: [a, b] }, [dy]) => [unbroadcast(dy!, a), unbroadcast(dy!, b)],
});
