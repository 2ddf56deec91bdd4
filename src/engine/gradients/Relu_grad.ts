import { registerGrad } from '../gradient.js';
import { greater } from '../ops/greater.js';
import { where } from '../ops/where.js';

registerGrad({ op: 'Relu', grad: ({ inputs: [x] }, [dy]) => [where(greater(x, 0), dy!, 0)] });
