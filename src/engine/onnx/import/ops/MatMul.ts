import { matmul } from '../../../ops/matmul.js';
import { registerImporter } from '../registry.js';

registerImporter('MatMul', (cx) => {
  const a = cx.tensor(0);
  const b = cx.tensor(1);
  if (a.rank < 2 || b.rank < 2) cx.fail(`rank-1 operands (${a.shape.length}-D @ ${b.shape.length}-D) are not supported; the engine's MatMul takes matrices and batches of them`);
  return [{ tensor: matmul(a, b) }];
});
