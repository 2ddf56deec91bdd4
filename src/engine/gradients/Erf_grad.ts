import { registerGrad } from '../gradient.js';
import { exp } from '../ops/exp.js';
import { mul } from '../ops/mul.js';
import { neg } from '../ops/neg.js';

// d erf(x)/dx = 2/sqrt(pi) e^(-x^2)
registerGrad({ op: 'Erf', grad: ({ inputs: [x] }, [dy]) => [mul(dy!, mul(exp(neg(mul(x, x))), 2 / Math.sqrt(Math.PI)))] });
