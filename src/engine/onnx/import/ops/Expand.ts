import { apply1 } from '../../../op.js';
import '../../../ops/expand.js';
import { broadcastShapes } from '../../../shape.js';
import { registerImporter } from '../registry.js';
import { broadcastKnown, isNumeric } from '../value.js';

registerImporter('Expand', (cx) => {
  const x = cx.value(0);
  const target = cx.known(1, 'target shape');
  const shape = broadcastShapes(`Expand (${cx.where})`, x.tensor.shape, target.values);
  const t = apply1('Expand', [x.tensor, cx.tensor(1)], { _shape: shape });
  const known = x.known && isNumeric(target) ? broadcastKnown([x.known, { shape: target.values, values: new Array(target.values.reduce((p, q) => p * q, 1)).fill(0) }], ([v]) => v) : undefined;
  return [cx.fold(t.dtype, known) ?? { tensor: t, known }];
});
