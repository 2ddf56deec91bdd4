import { add } from '../../../ops/add.js';
import { div } from '../../../ops/div.js';
import { layerNormalization } from '../../../ops/layer_norm.js';
import { mul } from '../../../ops/mul.js';
import { reduceMean } from '../../../ops/reduce_mean.js';
import { sqrt } from '../../../ops/sqrt.js';
import { sub } from '../../../ops/sub.js';
import { normalizeAxis } from '../../../shape.js';
import { registerImporter } from '../registry.js';

// The fused op (opset 17): the engine's own fused op where it can (float32, a known width),
// else the same expanded form exporters emit before opset 17.
registerImporter('LayerNormalization', (cx) => {
  const x = cx.tensor(0);
  const axis = normalizeAxis('LayerNormalization', cx.attrInt('axis', -1), x.rank);
  if (axis !== x.rank - 1) cx.fail(`normalisation over axes ${axis}.. of a rank-${x.rank} tensor is not supported; only the last axis (axis=-1) is`);
  if (cx.node.outputs.slice(1).some((o) => o !== '')) cx.fail('its Mean or InvStdDev outputs are used; only Y is supported');
  const eps = cx.attrFloat('epsilon', 1e-5);
  const gamma = cx.tensor(1);
  const beta = cx.input(2)?.tensor;
  const d = x.shape[axis];
  // float32 with a known width: the engine's fused op and its hand-written gradient (ops/layer_norm.ts).
  if (x.dtype === 'float32' && gamma.dtype === 'float32' && (beta?.dtype ?? 'float32') === 'float32' && typeof d === 'number') {
    const shift = beta ?? x.graph.constant({ dtype: 'float32', shape: [d], data: new Float32Array(d) });
    return [{ tensor: layerNormalization(x, gamma, shift, eps) }];
  }
  const mu = reduceMean(x, axis, true);
  const xc = sub(x, mu);
  const variance = reduceMean(mul(xc, xc), axis, true);
  let y = mul(div(xc, sqrt(add(variance, eps))), gamma);
  if (beta) y = add(y, beta);
  return [{ tensor: y }];
});
