import { registerGrad } from '../gradient.js';
import { concat } from '../ops/concat.js';
import { zerosLike } from '../ops/constant_of_shape.js';

registerGrad({
  op: 'Split',
  grad: ({ outputs, attrs }, dys) => [concat(outputs.map((y, i) => dys[i] ?? zerosLike(y)), attrs.axis as number), null],
});
