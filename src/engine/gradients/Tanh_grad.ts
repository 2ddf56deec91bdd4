import { registerGrad } from '../gradient.js';
import { mul } from '../ops/mul.js';
import { sub } from '../ops/sub.js';

registerGrad({ op: 'Tanh', grad: ({ outputs: [y] }, [dy]) => [mul(dy!, sub(1, mul(y, y)))] });
