import { registerGrad } from '../gradient.js';
import { log } from '../ops/log.js';
import { mul } from '../ops/mul.js';
import { pow } from '../ops/pow.js';
import { sub } from '../ops/sub.js';
import { unbroadcast } from './_util.js';

// d(a^b)/da = b a^(b-1) ; d(a^b)/db = a^b ln a (defined for a > 0)
registerGrad({
  op: 'Pow',
  grad: ({ inputs: [a, b], outputs: [y] }, [dy]) => [
    unbroadcast(mul(dy!, mul(b, pow(a, sub(b, 1)))), a),
    unbroadcast(mul(dy!, mul(y, log(a))), b),
  ],
});
