import { add } from '../../../ops/add.js';
import { erf } from '../../../ops/erf.js';
import { mul } from '../../../ops/mul.js';
import { tanh } from '../../../ops/tanh.js';
import { registerImporter } from '../registry.js';

// Gelu (opset 20): exact 0.5 x (1 + erf(x / sqrt 2)), or the tanh approximation.
registerImporter('Gelu', (cx) => {
  const x = cx.tensor(0);
  const approx = cx.attrString('approximate', 'none');
  if (approx === 'none') return [{ tensor: mul(mul(x, 0.5), add(erf(mul(x, Math.SQRT1_2)), 1)) }];
  if (approx !== 'tanh') cx.fail(`approximate="${approx}" is not a Gelu form; ONNX defines "none" and "tanh"`);
  const inner = mul(add(x, mul(mul(mul(x, x), x), 0.044715)), Math.sqrt(2 / Math.PI));
  return [{ tensor: mul(mul(x, 0.5), add(tanh(inner), 1)) }];
});
