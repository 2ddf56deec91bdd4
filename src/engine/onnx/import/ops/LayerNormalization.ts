import { add } from '../../../ops/add.js';
import { div } from '../../../ops/div.js';
import { mul } from '../../../ops/mul.js';
import { reduceMean } from '../../../ops/reduce_mean.js';
import { sqrt } from '../../../ops/sqrt.js';
import { sub } from '../../../ops/sub.js';
import { normalizeAxis } from '../../../shape.js';
import { registerImporter } from '../registry.js';

// The fused op (opset 17) as the same expanded form exporters emit before it.
registerImporter('LayerNormalization', (cx) => {
  const x = cx.tensor(0);
  const axis = normalizeAxis('LayerNormalization', cx.attrInt('axis', -1), x.rank);
  if (axis !== x.rank - 1) cx.fail(`normalisation over axes ${axis}.. of a rank-${x.rank} tensor is not supported; only the last axis (axis=-1) is`);
  if (cx.node.outputs.slice(1).some((o) => o !== '')) cx.fail('its Mean or InvStdDev outputs are used; only Y is supported');
  const eps = cx.attrFloat('epsilon', 1e-5);
  const mu = reduceMean(x, axis, true);
  const xc = sub(x, mu);
  const variance = reduceMean(mul(xc, xc), axis, true);
  let y = mul(div(xc, sqrt(add(variance, eps))), cx.tensor(1));
  const beta = cx.input(2)?.tensor;
  if (beta) y = add(y, beta);
  return [{ tensor: y }];
});
