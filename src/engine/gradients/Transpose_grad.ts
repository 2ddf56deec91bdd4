import { registerGrad } from '../gradient.js';
import { transpose } from '../ops/transpose.js';

registerGrad({
  op: 'Transpose',
  grad: ({ attrs }, [dy]) => {
    const perm = attrs.perm as number[];
    const inverse = perm.map((_, i) => perm.indexOf(i));
    return [transpose(dy!, inverse)];
  },
});
