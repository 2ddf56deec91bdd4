import { ShapeError } from '../errors.js';
import { apply1, registerOp } from '../op.js';
import { dimProduct } from '../shape.js';
import { formatShape, type Dim, type Shape, type Tensor } from '../tensor.js';
import { shapeOf } from './shape_of.js';

registerOp({
  name: 'Reshape',
  infer([x], attrs) {
    return [{ dtype: x.dtype, shape: attrs._shape as Dim[] }];
  },
});

/**
 * Reshape with ONNX semantics: -1 infers one dimension, 0 copies the input's
 * dimension at the same index (use it to keep a symbolic batch dimension).
 */
export function reshape(x: Tensor, shape: readonly number[]): Tensor {
  const out = inferReshape(x.shape, shape);
  return apply1('Reshape', [x, x.graph.int64s(shape)], { _shape: out });
}

/** Reshape x to the runtime shape of `like` (used by gradients). */
export function reshapeLike(x: Tensor, like: Tensor): Tensor {
  return apply1('Reshape', [x, shapeOf(like)], { _shape: [...like.shape] });
}

function inferReshape(inShape: Shape, target: readonly number[]): Dim[] {
  const out: Dim[] = target.map((d, i) => (d === 0 ? inShape[i] : d));
  const inferIdx = out.indexOf(-1);
  if (out.filter((d) => d === -1).length > 1) throw new ShapeError(`Reshape: at most one -1 allowed in ${formatShape(target)}`);
  const inTotal = dimProduct(inShape);
  const known = dimProduct(out.filter((d, i) => i !== inferIdx));
  if (inferIdx < 0) {
    if (typeof inTotal === 'number' && typeof known === 'number' && inTotal !== known) {
      throw new ShapeError(`Reshape: cannot reshape ${formatShape(inShape)} (${inTotal} elements) to ${formatShape(target)} (${known})`);
    }
    return out;
  }
  if (typeof inTotal === 'number' && typeof known === 'number') {
    if (known === 0 || inTotal % known !== 0) {
      throw new ShapeError(`Reshape: cannot reshape ${formatShape(inShape)} (${inTotal} elements) to ${formatShape(target)}`);
    }
    out[inferIdx] = inTotal / known;
  } else {
    out[inferIdx] = symbolicQuotient(inShape, out.filter((_, i) => i !== inferIdx));
  }
  return out;
}

/** The inferred dimension when symbolic dims are involved, simplified where possible. */
function symbolicQuotient(inShape: Shape, rest: Dim[]): Dim {
  const num = [...inShape];
  const den: Dim[] = [];
  for (const d of rest) {
    const j = num.indexOf(d);
    if (j >= 0 && typeof d === 'string') num.splice(j, 1);
    else den.push(d);
  }
  const numStatic = num.filter((d): d is number => typeof d === 'number').reduce((a, b) => a * b, 1);
  const denStatic = den.filter((d): d is number => typeof d === 'number').reduce((a, b) => a * b, 1);
  const numSym = num.filter((d): d is string => typeof d === 'string');
  const denSym = den.filter((d): d is string => typeof d === 'string');
  if (denSym.length === 0 && numStatic % denStatic === 0) {
    const k = numStatic / denStatic;
    if (numSym.length === 0) return k;
    return k === 1 ? numSym.join('*') : `${numSym.join('*')}*${k}`;
  }
  return `(${dimProduct(num)})/(${dimProduct(den)})`;
}
