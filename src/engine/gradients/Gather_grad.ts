import { ShapeError } from '../errors.js';
import { registerGrad } from '../gradient.js';
import { cast } from '../ops/cast.js';
import { matmul } from '../ops/matmul.js';
import { oneHotOf } from '../ops/one_hot.js';
import { reshape, reshapeLike } from '../ops/reshape.js';
import { shapeOf } from '../ops/shape_of.js';
import { slice } from '../ops/slice.js';
import { transpose } from '../ops/transpose.js';
import { formatShape } from '../tensor.js';

// Embedding gradient: each row of dy is added into the row its index picked.
// Written as onehot(indices)ᵀ · dy, not as ScatterND with reduction 'add': ONNX
// Runtime's CPU ScatterND races on repeated indices with more than one thread
// (updates are lost), while MatMul is exact and deterministic.
registerGrad({
  op: 'Gather',
  grad: ({ inputs: [data, indices] }, [dy]) => {
    const rest = data.shape.slice(1);
    if (!rest.every((d): d is number => typeof d === 'number')) {
      throw new ShapeError(`Gather gradient: the dimensions after the first of data ${formatShape(data.shape)} must be static`);
    }
    const width = rest.reduce((a, b) => a * b, 1);
    const depth = slice(shapeOf(data), [0], [1]);
    // ONNX Runtime's OneHot has float32 outputs but not float64: cast after (0 and 1 are exact).
    const onehot = cast(oneHotOf(reshape(cast(indices, 'int64'), [-1]), depth, data.shape[0]), data.dtype); // [N, rows]
    const g = matmul(transpose(onehot, [1, 0]), reshape(dy!, [-1, width])); // [rows, width]
    return [data.rank === 2 ? g : reshapeLike(g, data), null];
  },
});
