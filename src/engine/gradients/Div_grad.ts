import { registerGrad } from '../gradient.js';
import { div } from '../ops/div.js';
import { mul } from '../ops/mul.js';
import { neg } from '../ops/neg.js';
import { unbroadcast } from './_util.js';

// d(a/b)/da = 1/b ; d(a/b)/db = -(a/b)/b
registerGrad({
  op: 'Div',
  grad: ({ inputs: [a, b], outputs: [y] }, [dy]) => [unbroadcast(div(dy!, b), a), unbroadcast(neg(div(mul(dy!, y), b)), b)],
});
