import { dimsEqual } from '../shape.js';
import type { Tensor } from '../tensor.js';
import { reduceSum } from '../ops/reduce_sum.js';
import { reshapeLike } from '../ops/reshape.js';
import { castLike } from './_cast.js';

/** Sums a broadcast gradient back down to the shape of the operand it flowed from. */
export function unbroadcast(dy: Tensor, x: Tensor): Tensor {
  let g = castLike(dy, x);
  if (dimsEqual(g.shape, x.shape)) return g;
  const lead = g.rank - x.rank;
  if (lead > 0) g = reduceSum(g, [...Array(lead).keys()]);
  const axes: number[] = [];
  x.shape.forEach((d, i) => {
    if (d === 1 && g.shape[i] !== 1) axes.push(i);
  });
  if (axes.length > 0) g = reduceSum(g, axes, true);
  return dimsEqual(g.shape, x.shape) ? g : reshapeLike(g, x);
}
