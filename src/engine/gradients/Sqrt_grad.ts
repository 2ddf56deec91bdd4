import { registerGrad } from '../gradient.js';
import { div } from '../ops/div.js';
import { mul } from '../ops/mul.js';

registerGrad({ op: 'Sqrt', grad: ({ outputs: [y] }, [dy]) => [div(mul(dy!, 0.5), y)] });
