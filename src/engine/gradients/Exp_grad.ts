import { registerGrad } from '../gradient.js';
import { mul } from '../ops/mul.js';

registerGrad({ op: 'Exp', grad: ({ outputs: [y] }, [dy]) => [mul(dy!, y)] });
