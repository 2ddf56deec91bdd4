import { add } from '../../../ops/add.js';
import { matmul } from '../../../ops/matmul.js';
import { mul } from '../../../ops/mul.js';
import { transpose } from '../../../ops/transpose.js';
import { registerImporter } from '../registry.js';

// Y = alpha * A' B' + beta * C, with A' = A^T when transA and B' = B^T when transB.
registerImporter('Gemm', (cx) => {
  let a = cx.tensor(0);
  let b = cx.tensor(1);
  if (a.rank !== 2 || b.rank !== 2) cx.fail(`Gemm takes 2-D operands, got ranks ${a.rank} and ${b.rank}`);
  if (cx.attrInt('transA', 0)) a = transpose(a, [1, 0]);
  if (cx.attrInt('transB', 0)) b = transpose(b, [1, 0]);
  const alpha = cx.attrFloat('alpha', 1);
  const beta = cx.attrFloat('beta', 1);
  let y = matmul(a, b);
  if (alpha !== 1) y = mul(y, alpha);
  const c = cx.input(2)?.tensor;
  if (c) y = add(y, beta === 1 ? c : mul(c, beta));
  return [{ tensor: y }];
});
