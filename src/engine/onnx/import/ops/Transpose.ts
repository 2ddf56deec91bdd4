import { transpose } from '../../../ops/transpose.js';
import { registerImporter } from '../registry.js';

registerImporter('Transpose', (cx) => {
  const x = cx.tensor(0);
  const perm = cx.attrInts('perm') ?? [...x.shape.keys()].reverse();
  return [{ tensor: transpose(x, perm) }];
});
