import { ShapeError } from '../errors.js';
import { registerGrad } from '../gradient.js';
import { cast } from '../ops/cast.js';
import { zerosLike } from '../ops/constant_of_shape.js';
import { expandLike } from '../ops/expand.js';
import { reshape, reshapeLike } from '../ops/reshape.js';
import { scatterAddRows } from '../ops/scatter_elements.js';
import { unsqueeze } from '../ops/unsqueeze.js';
import { formatShape } from '../tensor.js';

// Embedding gradient: each row of dy is added into the row its index picked, with
// ScatterElements over [rows, width] views (ScatterND's 'add' loses updates on
// several threads; see ops/scatter_elements.ts).
registerGrad({
  op: 'Gather',
  grad: ({ inputs: [data, indices] }, [dy]) => {
    const rest = data.shape.slice(1);
    if (!rest.every((d): d is number => typeof d === 'number')) {
      throw new ShapeError(`Gather gradient: the dimensions after the first of data ${formatShape(data.shape)} must be static`);
    }
    const width = rest.reduce((a, b) => a * b, 1);
    const updates = reshape(dy!, [-1, width]); // [N, width]
    const rows = expandLike(unsqueeze(reshape(cast(indices, 'int64'), [-1]), -1), updates); // [N, width]
    const zeros = zerosLike(data);
    const g = scatterAddRows(data.rank === 2 ? zeros : reshape(zeros, [-1, width]), rows, updates);
    return [data.rank === 2 ? g : reshapeLike(g, data), null];
  },
});
