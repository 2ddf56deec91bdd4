import { registerGrad } from '../gradient.js';
import { mul } from '../ops/mul.js';
import { sub } from '../ops/sub.js';

registerGrad({ op: 'Sigmoid', grad: ({ outputs: [y] }, [dy]) => [mul(dy!, mul(y, sub(1, y)))] });
