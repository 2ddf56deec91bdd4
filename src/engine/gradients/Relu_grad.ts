import { registerGrad } from '../gradient.js';
import { cast } from '../ops/cast.js';
import { greater } from '../ops/greater.js';
import { mul } from '../ops/mul.js';

registerGrad({ op: 'Relu', grad: ({ outputs: [y] }, [dy]) => [mul(dy!, cast(greater(y, 0), dy!.dtype))] });
