import { isFloat } from '../dtype.js';
import { registerGrad } from '../gradient.js';
import { cast } from '../ops/cast.js';

registerGrad({ op: 'Cast', grad: ({ inputs: [x] }, [dy]) => [isFloat(x.dtype) ? cast(dy!, x.dtype) : null] });
