import { registerGrad } from '../gradient.js';
import { matmul } from '../ops/matmul.js';
import { reshape, reshapeLike } from '../ops/reshape.js';
import { transpose } from '../ops/transpose.js';
import type { Tensor } from '../tensor.js';
import { unbroadcast } from './_util.js';

// y = a @ b:  da = dy @ b^T,  db = a^T @ dy (summed over broadcast batch axes).
registerGrad({
  op: 'MatMul',
  grad: ({ inputs: [a, b] }, [dy]) => [unbroadcast(matmul(dy!, transpose(b)), a), weightGrad(a, b, dy!)],
});

/** For a batched input times a 2-D weight, fold the batch into one GEMM instead of summing B products. */
function weightGrad(a: Tensor, b: Tensor, dy: Tensor): Tensor {
  if (b.rank === 2 && a.rank > 2 && typeof a.shape[a.rank - 1] === 'number' && typeof dy.shape[dy.rank - 1] === 'number') {
    const a2 = reshape(a, [-1, a.shape[a.rank - 1] as number]);
    const dy2 = reshape(dy, [-1, dy.shape[dy.rank - 1] as number]);
    const g = matmul(transpose(a2), dy2);
    return g.shape.every((d, i) => d === b.shape[i]) ? g : reshapeLike(g, b);
  }
  return unbroadcast(matmul(transpose(a), dy), b);
}
