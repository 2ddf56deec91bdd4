import { layerNorm } from '../../../nn/functional.js';
import { normalizeAxis } from '../../../shape.js';
import { registerImporter } from '../registry.js';

// The fused op (opset 17) as the engine's layerNorm: ONNX's fused op and its hand-written
// gradient for float32 of a known width, else the expanded form exporters emit before opset 17.
registerImporter('LayerNormalization', (cx) => {
  const x = cx.tensor(0);
  const axis = normalizeAxis('LayerNormalization', cx.attrInt('axis', -1), x.rank);
  if (axis !== x.rank - 1) cx.fail(`normalisation over axes ${axis}.. of a rank-${x.rank} tensor is not supported; only the last axis (axis=-1) is`);
  if (cx.node.outputs.slice(1).some((o) => o !== '')) cx.fail('its Mean or InvStdDev outputs are used; only Y is supported');
  return [{ tensor: layerNorm(x, cx.tensor(1), cx.input(2)?.tensor, cx.attrFloat('epsilon', 1e-5)) }];
});
