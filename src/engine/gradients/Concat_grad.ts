import { ShapeError } from '../errors.js';
import { registerGrad } from '../gradient.js';
import { split } from '../ops/split.js';

registerGrad({
  op: 'Concat',
  grad: ({ inputs, attrs }, [dy]) => {
    const axis = attrs.axis as number;
    const sizes = inputs.map((x) => x.shape[axis]);
    if (!sizes.every((s): s is number => typeof s === 'number')) {
      throw new ShapeError(`Concat gradient: concatenation axis ${axis} must have known sizes, got [${sizes}]`);
    }
    return split(dy!, sizes, axis);
  },
});
