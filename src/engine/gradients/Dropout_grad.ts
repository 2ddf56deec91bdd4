import { registerGrad } from '../gradient.js';
import { mul } from '../ops/mul.js';
import { where } from '../ops/where.js';

registerGrad({
  op: 'Dropout',
  grad: ({ outputs: [, mask], attrs }, [dy]) => [where(mask, mul(dy!, 1 / (1 - (attrs._rate as number))), 0), null, null],
});
