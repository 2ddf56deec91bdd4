import { softmax } from '../../../ops/softmax.js';
import { normalizeAxis } from '../../../shape.js';
import { registerImporter } from '../registry.js';

registerImporter('Softmax', (cx) => {
  const x = cx.tensor(0);
  // Before opset 13 Softmax flattened the axes from `axis` on (default 1); that agrees with ours only over the last axis.
  const axis = normalizeAxis('Softmax', cx.attrInt('axis', cx.opset < 13 ? 1 : -1), x.rank);
  if (cx.opset < 13 && axis !== x.rank - 1) cx.fail(`opset ${cx.opset} Softmax over axes ${axis}.. of a rank-${x.rank} tensor (the old flattening form) is not supported; re-export with opset 13 or later`);
  return [{ tensor: softmax(x, axis) }];
});
