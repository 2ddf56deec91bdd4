import { makeArray } from '../../../graph.js';
import { apply1 } from '../../../op.js';
import '../../../ops/constant_of_shape.js';
import type { ConstantData } from '../../../tensor.js';
import { registerImporter } from '../registry.js';
import { isNumeric, knownOfData, MAX_KNOWN } from '../value.js';

registerImporter('ConstantOfShape', (cx) => {
  const shape = cx.known(0, 'shape');
  const fill: ConstantData = cx.tensorAttr('value') ?? { dtype: 'float32', shape: [1], data: new Float32Array(1) };
  const v = Number(fill.data[0]);
  if (isNumeric(shape)) {
    const n = shape.values.reduce((a, b) => a * b, 1);
    if (n <= MAX_KNOWN * 64) {
      const data = makeArray(fill.dtype, new Array<number>(n).fill(v));
      return [{ tensor: cx.graph.constant({ dtype: fill.dtype, shape: shape.values, data }), known: knownOfData(fill.dtype, shape.values, data) }];
    }
  }
  const t = apply1('ConstantOfShape', [cx.tensor(0)], { value: { tensor: { ...fill, shape: [1] } }, _dtype: fill.dtype, _shape: shape.values });
  return [{ tensor: t }];
});
