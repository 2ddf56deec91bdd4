import { logSoftmax } from '../../../ops/log_softmax.js';
import { normalizeAxis } from '../../../shape.js';
import { registerImporter } from '../registry.js';

registerImporter('LogSoftmax', (cx) => {
  const x = cx.tensor(0);
  const axis = normalizeAxis('LogSoftmax', cx.attrInt('axis', cx.opset < 13 ? 1 : -1), x.rank);
  if (cx.opset < 13 && axis !== x.rank - 1) cx.fail(`opset ${cx.opset} LogSoftmax over axes ${axis}.. (the old flattening form) is not supported; re-export with opset 13 or later`);
  return [{ tensor: logSoftmax(x, axis) }];
});
