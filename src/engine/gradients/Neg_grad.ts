import { registerGrad } from '../gradient.js';
import { neg } from '../ops/neg.js';

registerGrad({ op: 'Neg', grad: (_n, [dy]) => [neg(dy!)] });
