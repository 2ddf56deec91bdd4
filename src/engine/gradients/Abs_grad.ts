import { registerGrad } from '../gradient.js';
import { mul } from '../ops/mul.js';
import { sign } from '../ops/sign.js';

registerGrad({ op: 'Abs', grad: ({ inputs: [x] }, [dy]) => [mul(dy!, sign(x))] });
