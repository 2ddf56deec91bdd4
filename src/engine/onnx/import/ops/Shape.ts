import { shapeOf } from '../../../ops/shape_of.js';
import { slice } from '../../../ops/slice.js';
import { registerImporter } from '../registry.js';

// The input's shape: a constant when it is static, the Shape op (with its dimension names known) when not.
registerImporter('Shape', (cx) => {
  const x = cx.tensor(0);
  const r = x.rank;
  const clamp = (i: number) => Math.max(0, Math.min(r, i < 0 ? i + r : i));
  const start = clamp(cx.attrInt('start', 0));
  const end = clamp(cx.attrInt('end', r));
  const known = { shape: [Math.max(0, end - start)], values: x.shape.slice(start, end) };
  const folded = cx.fold('int64', known);
  if (folded) return [folded];
  const full = shapeOf(x);
  return [{ tensor: start === 0 && end === r ? full : slice(full, [start], [end], [0]), known }];
});
